package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import static de.lokalebuendnisse.kernel.audit.AuditEvents.BREMEN;
import static de.lokalebuendnisse.kernel.audit.AuditEvents.HAMM;
import static org.assertj.core.api.Assertions.assertThat;

/** The exact German sentences auditors read, one per kind of decision. */
class AuditReasonsTest {

    @Nested
    class Survey {

        @Test
        void importNamesTheFileItsMappingTheCountsAndWhyRowsWereSkipped() {
            var mapping = new de.lokalebuendnisse.kernel.survey.SurveyImportMapping("token",
                    java.util.Map.of("tokA", "hamm", "tokB", "bremen"),
                    java.util.Map.of("Q2[SQ002]", "aktivitaeten", "Q2[SQ001]", "vernetzung"),
                    java.util.Map.of("A2", 2, "A1", 1), false, "PZ", java.util.List.of("Y"),
                    java.util.List.of("N"), de.lokalebuendnisse.kernel.survey.SubmissionChannel.ONLINE);
            var imported = new de.lokalebuendnisse.kernel.survey.SurveyAnswersImported(AuditEvents.Y2024, "i-1",
                    new de.lokalebuendnisse.kernel.survey.SurveyImportSource("Umfrage Bündnisse.json",
                            "limesurvey-json", "0f".repeat(32), 3), mapping, 1, 1, 0, 1, java.util.List.of(
                    new de.lokalebuendnisse.kernel.survey.SurveyAnswersImported.RefusedRow(3, null, java.util.List.of(
                            new de.lokalebuendnisse.kernel.survey.SurveyAnswersImported.BrokenRule("token", "alliance-known")))));
            assertThat(AuditReasons.of((Object) imported)).contains(
                    "Umfrageantworten 2024 importiert aus „Umfrage Bündnisse.json“ (limesurvey-json, SHA-256 "
                            + "0f".repeat(32) + ", 3 Zeilen, Online-Umfrage): 1 eingereicht, 1 geändert, 0 unverändert, "
                            + "1 übersprungen. Zuordnung: Bündnis aus Spalte „token“ über eine Liste von 2 Zuordnungen; "
                            + "Kriterien Q2[SQ001] → vernetzung, Q2[SQ002] → aktivitaeten; Antwortcodes A1 = 1, A2 = 2; "
                            + "Interesse an Projekt Zukunft aus Spalte „PZ“ (ja: Y; nein: N). "
                            + "Übersprungene Zeilen: 3 (alliance-known).");
        }

        @Test
        void campaignOpeningStatesCriteriaScaleThresholdAndWindow() {
            assertThat(AuditReasons.of(AuditEvents.campaignOpened())).isEqualTo(
                    "Bündnisumfrage 2024 eröffnet („Bündnisumfrage 2024“): 3 gleich gewichtete Siegelkriterien "
                            + "(„Vernetzung und Partnerschaften“, „Aktivitäten und Projekte“, "
                            + "„Öffentlichkeitsarbeit“), Antwortskala 0 bis 4; ausreichend ist ein Aktivitätsgrad "
                            + "(Mittelwert der Kriterien) ab 3,00; Zeitraum 15.04.2024 bis 30.06.2024.");
        }

        @Test
        void sufficientSubmissionNamesLevelThresholdInterestAndWhatWasChecked() {
            assertThat(AuditReasons.of(AuditEvents.submitted(HAMM, true, 4, 3, 3))).isEqualTo(
                    "Umfrage 2024 eingereicht (Online-Umfrage): Aktivitätsgrad 3,33 erreicht die Schwelle 3,00 "
                            + "(Summe 10 aus 3 Kriterien), ausreichend; Interesse an Projekt Zukunft erklärt. "
                            + "Geprüft: Bündnis aktiv; kein gültiges Siegel 2023/24.");
        }

        @Test
        void insufficientSubmissionSaysItLiesBelowTheThreshold() {
            assertThat(AuditReasons.of(AuditEvents.submitted(BREMEN, false, 3, 2, 3))).isEqualTo(
                    "Umfrage 2024 eingereicht (Online-Umfrage): Aktivitätsgrad 2,67 liegt unter der Schwelle 3,00 "
                            + "(Summe 8 aus 3 Kriterien), nicht ausreichend; kein Interesse an Projekt Zukunft "
                            + "erklärt. Geprüft: Bündnis aktiv; kein gültiges Siegel 2023/24.");
        }

        @Test
        void amendmentThatMadeTheLevelSufficientSaysSo() {
            assertThat(AuditReasons.of(AuditEvents.amended(HAMM, new int[] {3, 2, 3}, 4, 3, 3))).isEqualTo(
                    "Umfrage 2024 als Ganzes geändert (Telefoninterview): Aktivitätsgrad 3,33 statt bisher 2,67 "
                            + "bei der Schwelle 3,00 (Summe 10 aus 3 Kriterien), damit jetzt ausreichend (vorher "
                            + "nicht ausreichend); Interesse an Projekt Zukunft erklärt.");
        }

        @Test
        void amendmentThatLostSufficiencySaysSo() {
            assertThat(AuditReasons.of(AuditEvents.amended(HAMM, new int[] {4, 3, 3}, 3, 2, 3))).isEqualTo(
                    "Umfrage 2024 als Ganzes geändert (Telefoninterview): Aktivitätsgrad 2,67 statt bisher 3,33 "
                            + "bei der Schwelle 3,00 (Summe 8 aus 3 Kriterien), damit jetzt nicht mehr ausreichend "
                            + "(vorher ausreichend); Interesse an Projekt Zukunft erklärt.");
        }

        @Test
        void amendmentThatKeptSufficiencySaysStill() {
            assertThat(AuditReasons.of(AuditEvents.amended(HAMM, new int[] {4, 3, 3}, 4, 4, 3)))
                    .contains("Aktivitätsgrad 3,67 statt bisher 3,33", ", weiterhin ausreichend;");
        }

        @Test
        void closingCountsSubmissionsAndSufficientOnes() {
            assertThat(AuditReasons.of(AuditEvents.campaignClosed())).isEqualTo(
                    "Bündnisumfrage 2024 geschlossen: 80 Umfragen eingegangen, davon 31 mit ausreichendem "
                            + "Aktivitätsgrad; danach sind keine Einreichungen und Änderungen mehr möglich.");
        }
    }

    @Nested
    class AwardPeriod2024 {

        @Test
        void openingStatesSurveyYearRulesRenewalAndCeremony() {
            assertThat(AuditReasons.of(AuditEvents.periodOpened())).isEqualTo(
                    "Vergabeperiode 2024/25 für das Siegel „Ausgezeichnetes Bündnis 2024/25“ eröffnet: Grundlage "
                            + "ist die Bündnisumfrage 2024; Vergaberegel: ausreichender Aktivitätsgrad, erklärtes "
                            + "Interesse an Projekt Zukunft und Teilnahme an einer Zukunftswerkstatt der Periode, "
                            + "selbst oder vertreten; Inhaber des Siegels 2023/24 verlängern ohne Umfrage durch "
                            + "Teilnahme an einer Zukunftswerkstatt (2 Inhaber); Bündnisdialog am 22.11.2024 in "
                            + "Berlin.");
        }

        @Test
        void openingWithoutRenewalSaysPreviousHoldersNeedTheSurvey() {
            AwardPeriodOpened opened = new AwardPeriodOpened(AwardPeriod.of("2025/26"), CampaignYear.of(2025),
                    "Ausgezeichnet in die Zukunft", new AwardCeremony(LocalDate.of(2025, 11, 14), "Berlin"),
                    GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.NO_RENEWAL, AwardPeriod.of("2024/25"),
                    List.of(HAMM));
            assertThat(AuditReasons.of(opened)).contains(
                    "; keine Verlängerung: Inhaber des Siegels 2024/25 brauchen die Umfrage wie alle anderen "
                            + "(1 Inhaber);");
        }

        @Test
        void werkstattSchedulingNamesRegionPlaceAndDate() {
            assertThat(AuditReasons.of(AuditEvents.werkstattHamm())).isEqualTo(
                    "Zukunftswerkstatt „werkstatt-hamm-2024“ angesetzt: Region West (Nordrhein-Westfalen, "
                            + "Rheinland-Pfalz, Saarland), in Hamm am 12.09.2024.");
        }

        @Test
        void invitationsNameTheWerkstaettenTheDayTheChannelAndEachAllianceById() {
            assertThat(AuditReasons.of(new InvitationsSent(AuditEvents.P2024, List.of(HAMM, BuendnisId.of("muenster")),
                    List.of(WerkstattId.of("werkstatt-hamm-2024"), WerkstattId.of("werkstatt-digital")),
                    InvitationChannel.LETTER, LocalDate.of(2024, 8, 30)))).isEqualTo(
                    "Einladung zu Zukunftswerkstätten „werkstatt-hamm-2024“, „werkstatt-digital“ am 30.08.2024 "
                            + "per Brief versandt an 2 Bündnisse (hamm, muenster).");
            assertThat(AuditReasons.of(new InvitationsSent(AuditEvents.P2024, List.of(HAMM),
                    List.of(WerkstattId.of("werkstatt-hamm-2024")), InvitationChannel.EMAIL,
                    LocalDate.of(2024, 8, 30)))).isEqualTo(
                    "Einladung zu Zukunftswerkstatt „werkstatt-hamm-2024“ am 30.08.2024 per E-Mail versandt an "
                            + "1 Bündnis (hamm).");
        }

        @Test
        void virtualWerkstattIsSaidToBeVirtual() {
            assertThat(AuditReasons.of(new WerkstattScheduled(AuditEvents.P2024, WerkstattId.of("werkstatt-digital"),
                    "bundesweit", "online", LocalDate.of(2024, 10, 1), WerkstattFormat.VIRTUAL))).isEqualTo(
                    "Zukunftswerkstatt „werkstatt-digital“ angesetzt: Region bundesweit, virtuell (online) am "
                            + "01.10.2024.");
        }

        @Test
        void attendanceByRepresentativeNamesTheOrganisationWithoutADoubleFullStop() {
            assertThat(AuditReasons.of(AuditEvents.attended(HAMM,
                    AuditEvents.inHamm(AttendanceMode.REPRESENTATIVE, "Caritasverband Hamm e. V.")))).isEqualTo(
                    "Teilnahme an der Zukunftswerkstatt in Hamm am 12.09.2024 verzeichnet, vertreten durch "
                            + "Caritasverband Hamm e. V.");
        }

        @Test
        void attendanceInPersonSaysTheAllianceCameItself() {
            assertThat(AuditReasons.of(AuditEvents.attended(HAMM, AuditEvents.inHamm(AttendanceMode.SELF, null))))
                    .isEqualTo("Teilnahme an der Zukunftswerkstatt in Hamm am 12.09.2024 durch das Bündnis selbst "
                            + "verzeichnet.");
        }

        @Test
        void grantViaSurveyAtTheCeremonyNamesEveryCriterionItMet() {
            SealGranted granted = AuditEvents.grantedViaSurvey(HAMM,
                    AuditEvents.outcome(AuditEvents.submitted(HAMM, true, 4, 3, 3), 7),
                    AuditEvents.inHamm(AttendanceMode.SELF, null), true);
            assertThat(AuditReasons.of(granted)).isEqualTo(
                    "Siegel „Ausgezeichnetes Bündnis 2024/25“ erteilt: Aktivitätsgrad 3,33 erreicht die Schwelle "
                            + "3,00 der Umfrage 2024; Interesse an Projekt Zukunft erklärt; Teilnahme an der "
                            + "Zukunftswerkstatt in Hamm am 12.09.2024 durch das Bündnis selbst. Verliehen beim "
                            + "Bündnisdialog am 22.11.2024 in Berlin.");
        }

        @Test
        void grantViaRepresentativeNamesTheRepresentingOrganisation() {
            SealGranted granted = AuditEvents.grantedViaSurvey(HAMM,
                    AuditEvents.outcome(AuditEvents.submitted(HAMM, true, 4, 3, 3), 7),
                    AuditEvents.inHamm(AttendanceMode.REPRESENTATIVE, "Stadt Hamm, Familienbüro"), false);
            assertThat(AuditReasons.of(granted)).isEqualTo(
                    "Siegel „Ausgezeichnetes Bündnis 2024/25“ erteilt: Aktivitätsgrad 3,33 erreicht die Schwelle "
                            + "3,00 der Umfrage 2024; Interesse an Projekt Zukunft erklärt; Teilnahme an der "
                            + "Zukunftswerkstatt in Hamm am 12.09.2024, vertreten durch Stadt Hamm, Familienbüro. "
                            + "Einzeln erteilt, nicht im Rahmen des Bündnisdialogs.");
        }

        @Test
        void renewalNamesThePreviousSealAndTheAttendance() {
            WerkstattAttendance virtual = new WerkstattAttendance(WerkstattId.of("werkstatt-sued-2025"),
                    "Süd (Bayern, Baden-Württemberg)", "online", LocalDate.of(2025, 9, 10),
                    WerkstattFormat.VIRTUAL, AttendanceMode.SELF, null);
            SealGranted renewed = new SealGranted(AwardPeriod.of("2025/26"), HAMM, "Ausgezeichnet in die Zukunft",
                    new GrantEvidence(GrantBasis.RENEWAL, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                            RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, virtual, AwardPeriod.of("2024/25"),
                            BuendnisStatus.ACTIVE),
                    true, new AwardCeremony(LocalDate.of(2025, 11, 14), "Berlin"));
            assertThat(AuditReasons.of(renewed)).isEqualTo(
                    "Siegel „Ausgezeichnet in die Zukunft“ durch Verlängerung erteilt: Inhaber des Siegels 2024/25, "
                            + "nach der Regel der Periode genügt die Teilnahme an einer Zukunftswerkstatt; "
                            + "Teilnahme an der virtuellen Zukunftswerkstatt „Süd (Bayern, Baden-Württemberg)“ am "
                            + "10.09.2025 durch das Bündnis selbst. Verliehen beim Bündnisdialog am 14.11.2025 in "
                            + "Berlin.");
        }

        @Test
        void ceremonyListsWhomItGranted() {
            assertThat(AuditReasons.of(AuditEvents.ceremonyHeld(BREMEN, HAMM))).isEqualTo(
                    "Bündnisdialog am 22.11.2024 in Berlin abgehalten: Siegel an 2 Bündnisse erteilt (bremen, hamm).");
            assertThat(AuditReasons.of(AuditEvents.ceremonyHeld())).isEqualTo(
                    "Bündnisdialog am 22.11.2024 in Berlin abgehalten: kein Siegel erteilt, da kein Bündnis ohne "
                            + "Siegel dieser Periode die Voraussetzungen erfüllte.");
        }

        @Test
        void revocationQuotesItsReasonAndKeepsTheGrant() {
            assertThat(AuditReasons.of(AuditEvents.revoked(HAMM))).isEqualTo(
                    "Siegel der Periode 2024/25 entzogen (erteilt über die Umfrage); die Erteilung bleibt in der "
                            + "Historie erhalten. Begründung: „Das Bündnis hat sich zum 30. Juni 2025 aufgelöst.“");
            SealRevoked renewal = new SealRevoked(AuditEvents.P2024, HAMM, "Angaben der Umfrage waren falsch",
                    GrantBasis.RENEWAL);
            assertThat(AuditReasons.of(renewal)).isEqualTo(
                    "Siegel der Periode 2024/25 entzogen (erteilt durch Verlängerung); die Erteilung bleibt in der "
                            + "Historie erhalten. Begründung: „Angaben der Umfrage waren falsch“.");
        }

        @Test
        void closingCountsGrantsAndRevocations() {
            assertThat(AuditReasons.of(AuditEvents.periodClosed())).isEqualTo(
                    "Vergabeperiode 2024/25 geschlossen: 31 Siegel erteilt, 1 entzogen; danach sind nur noch "
                            + "Entzüge möglich.");
        }
    }

    @Nested
    class Buendnis {

        @Test
        void registrationNamesTheAllianceAndItsPlace() {
            assertThat(AuditReasons.of(AuditEvents.registered(HAMM))).isEqualTo(
                    "Bündnis „Lokales Bündnis für Familie Hamm“ in Hamm (Nordrhein-Westfalen, Gemeindeschlüssel "
                            + "05915000) registriert; es kann an Umfrage und Siegelvergabe teilnehmen.");
        }

        @Test
        void pauseSaysWhatItMeansAndQuotesTheReason() {
            assertThat(AuditReasons.of(AuditEvents.paused(HAMM))).isEqualTo(
                    "Bündnis pausiert; ein pausiertes Bündnis nimmt an Umfrage und Siegelvergabe nicht teil. "
                            + "Begründung: „Koordinationsstelle bis Jahresende unbesetzt“.");
            assertThat(AuditReasons.of(new BuendnisPaused(HAMM, null))).isEqualTo(
                    "Bündnis pausiert; ein pausiertes Bündnis nimmt an Umfrage und Siegelvergabe nicht teil. "
                            + "Keine Begründung angegeben.");
        }

        @Test
        void resumptionSaysTheAllianceTakesPartAgain() {
            assertThat(AuditReasons.of(AuditEvents.resumed(HAMM))).isEqualTo(
                    "Bündnis nimmt seine Arbeit wieder auf; es ist wieder aktiv und kann an Umfrage und "
                            + "Siegelvergabe teilnehmen.");
        }

        @Test
        void dissolutionNamesDateFormerStatusAndReason() {
            assertThat(AuditReasons.of(AuditEvents.dissolved(HAMM))).isEqualTo(
                    "Bündnis zum 30.06.2025 aufgelöst (vorher pausiert); die Auflösung ist endgültig, das Bündnis "
                            + "nimmt an nichts mehr teil. Begründung: „Aufgegangen im Netzwerk Familie der Stadt "
                            + "Hamm“.");
            assertThat(AuditReasons.of(new BuendnisDissolved(BuendnisId.of("x"), LocalDate.of(2025, 1, 2), null,
                    BuendnisStatus.ACTIVE))).isEqualTo(
                    "Bündnis zum 02.01.2025 aufgelöst (vorher aktiv); die Auflösung ist endgültig, das Bündnis "
                            + "nimmt an nichts mehr teil. Keine Begründung angegeben.");
        }
    }

    @Nested
    class ContactPersons {

        private final PersonId anna = PersonId.of("p-4711");
        /** Sealed bytes stand in for a name: whatever they hold, the reason is built without them. */
        private final SealedPersonalData sealed = new SealedPersonalData(SealedPersonalData.AES_256_GCM,
                Base64.getEncoder().encodeToString(new byte[12]), Base64.getEncoder().encodeToString(new byte[40]));

        @Test
        void additionChangeAndRemovalNameThePersonByIdAlone() {
            assertThat(AuditReasons.of((Object) new ContactPersonAdded(HAMM, anna, sealed, true)))
                    .contains("Kontaktperson p-4711 hinzugefügt (Hauptkontakt).");
            assertThat(AuditReasons.of((Object) new ContactPersonChanged(HAMM, anna, sealed, false)))
                    .contains("Kontaktperson p-4711 geändert.");
            assertThat(AuditReasons.of((Object) new ContactPersonRemoved(HAMM, anna))).contains(
                    "Kontaktperson p-4711 entfernt; ihre Angaben bleiben bis zur Löschung verschlüsselt gespeichert.");
            assertThat(AuditReasons.of(new ContactPersonAdded(HAMM, anna, sealed, true)))
                    .doesNotContain(sealed.ciphertext(), sealed.iv());
        }

        @Test
        void erasureNamesTheLegalBasisInWordsAndTheReason() {
            assertThat(AuditReasons.of((Object) new PersonalDataErased(HAMM, anna, "ART_17_1_B",
                    "Widerruf per Brief"))).contains("Personenbezogene Daten von p-4711 gelöscht (Einwilligung "
                    + "widerrufen (Art. 17 Abs. 1 lit. b DSGVO)); der Schlüssel ist vernichtet, die verschlüsselten "
                    + "Angaben sind nicht mehr lesbar. Begründung: „Widerruf per Brief“.");
            assertThat(AuditReasons.of(new PersonalDataErased(HAMM, anna, "ART_99", null)))
                    .contains("(ART_99)").endsWith("Keine Begründung angegeben.");
        }
    }

    @Nested
    class ByPayload {

        @Test
        void anyRecordedEventHasItsReasonAndOthersHaveNone() {
            assertThat(AuditReasons.of((Object) AuditEvents.revoked(HAMM)))
                    .contains(AuditReasons.of(AuditEvents.revoked(HAMM)));
            assertThat(AuditReasons.of((Object) new PartnerAdded(HAMM, PartnerId.of("p1"), "Stadtwerke Hamm",
                    PartnerType.COMPANY))).isEmpty();
            assertThat(AuditReasons.of((Object) new SurveyOutcomeRecorded(AuditEvents.P2024, HAMM,
                    AuditEvents.outcome(AuditEvents.submitted(HAMM, true, 4, 3, 3), 7)))).isEmpty();
        }
    }
}
