package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.person.ErasureBasis;

import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.ParticipationBasis;
import de.lokalebuendnisse.kernel.survey.SealCriterion;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveyAnswersImported;
import de.lokalebuendnisse.kernel.survey.SurveyImportMapping;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignClosed;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignOpened;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The plain-language German reason of each award-relevant event, built only from what the event carries, so that a
 * replay years later gives the same words and the text never claims more than was recorded. Numbers are written
 * the German way (3,33), dates as dd.MM.yyyy. The alliance concerned is not named in the text: the audit entry
 * carries its id beside the reason, and the events carry no names except at registration.
 */
public final class AuditReasons {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private AuditReasons() {
    }

    /** The reason of any event the audit history records; empty for events it does not record. */
    public static Optional<String> of(Object event) {
        if (event instanceof SurveyCampaignOpened e) {
            return Optional.of(of(e));
        } else if (event instanceof SurveySubmitted e) {
            return Optional.of(of(e));
        } else if (event instanceof SurveyAmended e) {
            return Optional.of(of(e));
        } else if (event instanceof SurveyCampaignClosed e) {
            return Optional.of(of(e));
        } else if (event instanceof SurveyAnswersImported e) {
            return Optional.of(of(e));
        } else if (event instanceof AwardPeriodOpened e) {
            return Optional.of(of(e));
        } else if (event instanceof WerkstattScheduled e) {
            return Optional.of(of(e));
        } else if (event instanceof WerkstattAttended e) {
            return Optional.of(of(e));
        } else if (event instanceof SealGranted e) {
            return Optional.of(of(e));
        } else if (event instanceof AwardCeremonyHeld e) {
            return Optional.of(of(e));
        } else if (event instanceof SealRevoked e) {
            return Optional.of(of(e));
        } else if (event instanceof AwardPeriodClosed e) {
            return Optional.of(of(e));
        } else if (event instanceof InvitationsSent e) {
            return Optional.of(of(e));
        } else if (event instanceof BuendnisRegistered e) {
            return Optional.of(of(e));
        } else if (event instanceof BuendnisPaused e) {
            return Optional.of(of(e));
        } else if (event instanceof BuendnisResumed e) {
            return Optional.of(of(e));
        } else if (event instanceof BuendnisDissolved e) {
            return Optional.of(of(e));
        } else if (event instanceof ContactPersonAdded e) {
            return Optional.of(of(e));
        } else if (event instanceof ContactPersonChanged e) {
            return Optional.of(of(e));
        } else if (event instanceof ContactPersonRemoved e) {
            return Optional.of(of(e));
        } else if (event instanceof PersonalDataErased e) {
            return Optional.of(of(e));
        }
        return Optional.empty();
    }

    // --- survey campaign ---------------------------------------------------------------------------------------

    public static String of(SurveyCampaignOpened e) {
        List<SealCriterion> criteria = e.criteria();
        String titles = criteria.stream().map(c -> quoted(c.title())).collect(Collectors.joining(", "));
        return "Bündnisumfrage " + e.year().value() + " eröffnet (" + quoted(e.title()) + "): "
                + count(criteria.size(), "gleich gewichtetes Siegelkriterium", "gleich gewichtete Siegelkriterien")
                + " (" + titles + "), Antwortskala " + e.scale().min() + " bis " + e.scale().max()
                + "; ausreichend ist ein Aktivitätsgrad (Mittelwert der Kriterien) ab " + decimal(e.threshold())
                + "; Zeitraum " + date(e.opensOn()) + " bis " + date(e.closesOn()) + ".";
    }

    public static String of(SurveySubmitted e) {
        return "Umfrage " + e.year().value() + " eingereicht (" + channel(e.channel()) + "): "
                + levelAgainstThreshold(e.activityLevel(), e.threshold(), e.sufficient()) + "; "
                + interest(e.projektZukunftInterest()) + "." + basis(e.basis());
    }

    public static String of(SurveyAmended e) {
        String sufficiency;
        if (e.sufficient() == e.previouslySufficient()) {
            sufficiency = e.sufficient() ? "weiterhin ausreichend" : "weiterhin nicht ausreichend";
        } else {
            sufficiency = e.sufficient() ? "damit jetzt ausreichend (vorher nicht ausreichend)"
                    : "damit jetzt nicht mehr ausreichend (vorher ausreichend)";
        }
        ActivityLevel level = e.activityLevel();
        return "Umfrage " + e.year().value() + " als Ganzes geändert (" + channel(e.channel()) + "): Aktivitätsgrad "
                + decimal(level.mean()) + " statt bisher " + decimal(e.previousActivityLevel().mean())
                + " bei der Schwelle " + decimal(e.threshold()) + " (Summe " + level.scoreSum() + " aus "
                + count(level.criteriaCount(), "Kriterium", "Kriterien") + "), " + sufficiency + "; "
                + interest(e.projektZukunftInterest()) + ".";
    }

    /**
     * The import as a whole: the file, how its columns were read (the mapping) and what came of its rows; the
     * submissions and amendments it made are listed as entries of their own.
     */
    public static String of(SurveyAnswersImported e) {
        SurveyImportMapping m = e.mapping();
        String criteria = new TreeMap<>(m.criteria()).entrySet().stream()
                .map(c -> c.getKey() + " → " + c.getValue()).collect(Collectors.joining(", "));
        String answers = m.answerScores().isEmpty() ? "" : "Antwortcodes " + new TreeMap<>(m.answerScores())
                .entrySet().stream().map(a -> a.getKey() + " = " + a.getValue()).collect(Collectors.joining(", "))
                + (m.numericAnswers() ? " sowie ganze Zahlen als Punktwert" : "");
        if (answers.isEmpty()) {
            answers = "ganze Zahlen als Punktwert";
        }
        String refusedRows = e.refusedRows().isEmpty() ? "" : " Übersprungene Zeilen: " + e.refusedRows().stream()
                .map(r -> r.rowNumber() + " (" + r.problems().stream().map(SurveyAnswersImported.BrokenRule::rule).distinct()
                        .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining("; ")) + ".";
        return "Umfrageantworten " + e.year().value() + " importiert aus " + quoted(e.source().fileName()) + " ("
                + e.source().format() + ", SHA-256 " + e.source().sha256() + ", "
                + count(e.source().rowCount(), "Zeile", "Zeilen") + ", " + channel(m.channel()) + "): "
                + e.submitted() + " eingereicht, " + e.amended() + " geändert, " + e.unchanged() + " unverändert, "
                + e.refused() + " übersprungen. Zuordnung: Bündnis aus Spalte " + quoted(m.allianceColumn())
                + (m.allianceIds().isEmpty() ? "" : " über eine Liste von " + count(m.allianceIds().size(),
                "Zuordnung", "Zuordnungen"))
                + "; Kriterien " + criteria + "; " + answers + "; Interesse an Projekt Zukunft aus Spalte "
                + quoted(m.interestColumn()) + " (ja: " + String.join(", ", m.interestYes()) + "; nein: "
                + String.join(", ", m.interestNo()) + ")." + refusedRows;
    }

    public static String of(SurveyCampaignClosed e) {
        return "Bündnisumfrage " + e.year().value() + " geschlossen: "
                + count(e.submissions(), "Umfrage", "Umfragen") + " eingegangen, davon "
                + e.sufficientSubmissions() + " mit ausreichendem Aktivitätsgrad; danach sind keine Einreichungen "
                + "und Änderungen mehr möglich.";
    }

    // --- award period ------------------------------------------------------------------------------------------

    public static String of(AwardPeriodOpened e) {
        return "Vergabeperiode " + e.period().label() + " für das Siegel " + quoted(e.sealName())
                + " eröffnet: Grundlage ist die Bündnisumfrage " + e.surveyYear().value() + "; " + rule(e.grantRule())
                + "; " + renewal(e.renewalRule(), e.previousPeriod(), e.previousSealHolders())
                + "; Bündnisdialog am " + date(e.ceremony().date()) + " in " + sentence(e.ceremony().place());
    }

    public static String of(WerkstattScheduled e) {
        return "Zukunftswerkstatt " + quoted(e.werkstattId().value()) + " angesetzt: Region " + e.region() + ", "
                + (e.format() == WerkstattFormat.VIRTUAL ? "virtuell (" + e.place() + ")" : "in " + e.place())
                + " am " + date(e.date()) + ".";
    }

    public static String of(WerkstattAttended e) {
        WerkstattAttendance attendance = e.attendance();
        String attended = "Teilnahme an " + werkstatt(attendance) + " am " + date(attendance.date());
        return sentence(attendance.mode() == AttendanceMode.REPRESENTATIVE
                ? attended + " verzeichnet, vertreten durch " + attendance.representativeOrganisation()
                : attended + " durch das Bündnis selbst verzeichnet");
    }

    public static String of(SealGranted e) {
        GrantEvidence evidence = e.evidence();
        String basis;
        if (evidence.basis() == GrantBasis.RENEWAL) {
            basis = sentence("Siegel " + quoted(e.sealName()) + " durch Verlängerung erteilt: Inhaber des Siegels "
                    + label(evidence.previousPeriod()) + ", nach der Regel der Periode genügt die Teilnahme an einer "
                    + "Zukunftswerkstatt; " + attendance(evidence.attendance()));
        } else {
            SurveyOutcome survey = evidence.survey();
            String level = survey == null ? "kein Umfrageergebnis verzeichnet"
                    : levelAgainstThreshold(survey.activityLevel(), survey.threshold(), survey.sufficient(),
                    survey.year().value());
            String interest = survey == null ? "kein Interesse an Projekt Zukunft verzeichnet"
                    : interest(survey.projektZukunftInterest());
            basis = sentence("Siegel " + quoted(e.sealName()) + " erteilt: " + level + "; " + interest + "; "
                    + attendance(evidence.attendance()));
        }
        return basis + " " + where(e.atCeremony(), e.ceremony());
    }

    public static String of(AwardCeremonyHeld e) {
        List<BuendnisId> granted = e.granted();
        String outcome = granted.isEmpty()
                ? "kein Siegel erteilt, da kein Bündnis ohne Siegel dieser Periode die Voraussetzungen erfüllte"
                : "Siegel an " + count(granted.size(), "Bündnis", "Bündnisse") + " erteilt ("
                + granted.stream().map(BuendnisId::value).collect(Collectors.joining(", ")) + ")";
        return "Bündnisdialog am " + date(e.ceremony().date()) + " in " + e.ceremony().place() + " abgehalten: "
                + outcome + ".";
    }

    public static String of(SealRevoked e) {
        String how = e.grantBasis() == GrantBasis.RENEWAL ? "durch Verlängerung" : "über die Umfrage";
        return "Siegel der Periode " + e.period().label() + " entzogen (erteilt " + how + "); die Erteilung bleibt "
                + "in der Historie erhalten. " + because(e.reason());
    }

    public static String of(AwardPeriodClosed e) {
        return "Vergabeperiode " + e.period().label() + " geschlossen: " + e.sealsGranted() + " Siegel erteilt, "
                + e.sealsRevoked() + " entzogen; danach sind nur noch Entzüge möglich.";
    }

    /** Names alliances and Werkstätten by id only: the addressed contact persons are personal data. */
    public static String of(InvitationsSent e) {
        String how = switch (e.channel()) {
            case EMAIL -> "per E-Mail";
            case LETTER -> "per Brief";
            case PHONE -> "telefonisch";
        };
        return "Einladung zu " + (e.werkstattIds().size() == 1 ? "Zukunftswerkstatt " : "Zukunftswerkstätten ")
                + e.werkstattIds().stream().map(w -> quoted(w.value()))
                .collect(Collectors.joining(", ")) + " am " + date(e.sentOn()) + " " + how + " versandt an "
                + count(e.buendnisIds().size(), "Bündnis", "Bündnisse") + " ("
                + e.buendnisIds().stream().map(BuendnisId::value).collect(Collectors.joining(", ")) + ").";
    }

    // --- Bündnis -----------------------------------------------------------------------------------------------

    public static String of(BuendnisRegistered e) {
        BuendnisProfile profile = e.profile();
        return "Bündnis " + quoted(profile.name()) + " in " + profile.place() + " ("
                + profile.bundesland().germanName() + ", Gemeindeschlüssel " + profile.municipalityKey().value()
                + ") registriert; es kann an Umfrage und Siegelvergabe teilnehmen.";
    }

    public static String of(BuendnisPaused e) {
        return "Bündnis pausiert; ein pausiertes Bündnis nimmt an Umfrage und Siegelvergabe nicht teil. "
                + because(e.reason());
    }

    public static String of(BuendnisResumed e) {
        return "Bündnis nimmt seine Arbeit wieder auf; es ist wieder aktiv und kann an Umfrage und Siegelvergabe "
                + "teilnehmen.";
    }

    public static String of(BuendnisDissolved e) {
        return "Bündnis zum " + date(e.dissolvedOn()) + " aufgelöst (vorher " + status(e.statusBefore())
                + "); die Auflösung ist endgültig, das Bündnis nimmt an nichts mehr teil. " + because(e.reason());
    }

    // --- contact persons: named by id only; their details are sealed and stay out of the history ------------------

    public static String of(ContactPersonAdded e) {
        return "Kontaktperson " + e.personId().value() + " hinzugefügt" + primary(e.primary()) + ".";
    }

    public static String of(ContactPersonChanged e) {
        return "Kontaktperson " + e.personId().value() + " geändert" + primary(e.primary()) + ".";
    }

    public static String of(ContactPersonRemoved e) {
        return "Kontaktperson " + e.personId().value() + " entfernt; ihre Angaben bleiben bis zur Löschung "
                + "verschlüsselt gespeichert.";
    }

    /**
     * The legal basis by its German words; an unknown code (recorded by a later release) is quoted as it is. The free
     * reason was refused at the command if it visibly held personal data.
     */
    public static String of(PersonalDataErased e) {
        String basis;
        try {
            basis = ErasureBasis.valueOf(e.legalBasis()).label();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            basis = String.valueOf(e.legalBasis());
        }
        return "Personenbezogene Daten von " + e.personId().value() + " gelöscht (" + basis
                + "); der Schlüssel ist vernichtet, die verschlüsselten Angaben sind nicht mehr lesbar. "
                + because(e.reason());
    }

    private static String primary(boolean primary) {
        return primary ? " (Hauptkontakt)" : "";
    }

    // --- explanations: the words of each criterion, of a grant, a revocation and a decision ---------------------

    public static String periodOpen(boolean open) {
        return open ? "Vergabeperiode offen" : "Vergabeperiode geschlossen";
    }

    public static String standing(BuendnisStatus status) {
        return "Bündnis " + status(status);
    }

    public static String alreadyGranted() {
        return "Siegel dieser Periode bereits erteilt";
    }

    public static String revokedInPeriod() {
        return "Siegel dieser Periode entzogen";
    }

    /** @param surveyYear the campaign the period relies on; null when unknown (a grant names only its outcome) */
    public static String surveyLevel(SurveyOutcome survey, CampaignYear surveyYear) {
        if (survey == null) {
            return surveyYear == null ? "kein Umfrageergebnis verzeichnet"
                    : "kein Ergebnis der Umfrage " + surveyYear.value() + " verzeichnet";
        }
        return levelAgainstThreshold(survey.activityLevel(), survey.threshold(), survey.sufficient(),
                survey.year().value());
    }

    public static String surveyInterest(SurveyOutcome survey) {
        return survey == null ? "kein Interesse an Projekt Zukunft verzeichnet (es wird in der Umfrage erklärt)"
                : interest(survey.projektZukunftInterest());
    }

    public static String werkstattAttendance(WerkstattAttendance attendance) {
        return attendance == null
                ? "keine Teilnahme an einer Zukunftswerkstatt der Periode verzeichnet, weder selbst noch vertreten"
                : attendance(attendance);
    }

    public static String previousSeal(boolean held, AwardPeriod previousPeriod) {
        if (previousPeriod == null) {
            return "keine Vorperiode";
        }
        return (held ? "Inhaber des Siegels " : "kein Inhaber des Siegels ") + previousPeriod.label();
    }

    /** A grant with the rule it was granted by, each fact its evidence names, and where and when. */
    public static String grantExplained(SealGranted e, Instant grantedAt) {
        GrantEvidence evidence = e.evidence();
        String facts;
        if (evidence.basis() == GrantBasis.RENEWAL) {
            facts = "Siegel " + quoted(e.sealName()) + " durch Verlängerung erteilt nach Verlängerungsregel "
                    + evidence.renewalRule().name() + ": " + previousSeal(true, evidence.previousPeriod())
                    + ", dafür genügt ohne Umfrage die Teilnahme an einer Zukunftswerkstatt der Periode; "
                    + werkstattAttendance(evidence.attendance());
        } else {
            facts = "Siegel " + quoted(e.sealName()) + " über die Umfrage erteilt nach Vergaberegel "
                    + evidence.rule().name() + ": " + surveyLevel(evidence.survey(), null) + "; "
                    + surveyInterest(evidence.survey()) + "; " + werkstattAttendance(evidence.attendance());
        }
        String how = e.atCeremony() ? where(true, e.ceremony())
                : "Einzeln erteilt am " + date(grantedAt) + ", nicht im Rahmen des Bündnisdialogs.";
        return sentence(facts + "; " + standing(evidence.status())) + " " + how;
    }

    /** @param grant the grant revoked, with {@code grantedAt}; null only if the stream lacks it */
    public static String revocationExplained(SealRevoked e, Instant revokedAt, SealGranted grant, Instant grantedAt) {
        String how = e.grantBasis() == GrantBasis.RENEWAL ? "durch Verlängerung" : "über die Umfrage";
        String seal = grant == null ? "der Periode " + e.period().label() : quoted(grant.sealName());
        String granted = grant == null ? "erteilt " + how
                : "erteilt am " + date(grantedAt) + " " + how + (e.grantBasis() == GrantBasis.RENEWAL
                ? " nach Verlängerungsregel " + grant.evidence().renewalRule().name()
                : " nach Vergaberegel " + grant.evidence().rule().name());
        return "Siegel " + seal + " am " + date(revokedAt) + " entzogen, " + granted
                + ". Die Erteilung bleibt in der Historie erhalten. " + because(e.reason());
    }

    /**
     * What the rule says at an instant of an alliance that holds no seal of the period.
     *
     * @param path    the path the alliance meets or is judged by
     * @param missing the words of each criterion the path needs and the alliance misses; empty when eligible
     * @param met     the words of each criterion the path needs and the alliance meets
     */
    public static String decisionExplained(Instant at, String sealName, GrantBasis path, GrantRule rule,
                                           RenewalRule renewalRule, List<String> missing, List<String> met) {
        String byRule = path == GrantBasis.RENEWAL ? "nach Verlängerungsregel " + renewalRule.name()
                : "nach Vergaberegel " + rule.name();
        String head = "Stand " + dateTime(at) + ": Voraussetzungen für das Siegel " + quoted(sealName) + " ";
        if (missing.isEmpty()) {
            String how = path == GrantBasis.RENEWAL ? "durch Verlängerung " : "über die Umfrage ";
            return sentence(head + how + byRule + " erfüllt, noch nicht erteilt: " + String.join("; ", met));
        }
        String text = head + byRule + " nicht erfüllt. " + sentence("Es fehlt: " + String.join("; ", missing));
        return met.isEmpty() ? text : text + " " + sentence("Erfüllt: " + String.join("; ", met));
    }

    // --- parts -------------------------------------------------------------------------------------------------

    private static String levelAgainstThreshold(ActivityLevel level, BigDecimal threshold, boolean sufficient) {
        return "Aktivitätsgrad " + decimal(level.mean())
                + (sufficient ? " erreicht die Schwelle " : " liegt unter der Schwelle ") + decimal(threshold)
                + " (Summe " + level.scoreSum() + " aus " + count(level.criteriaCount(), "Kriterium", "Kriterien")
                + "), " + (sufficient ? "ausreichend" : "nicht ausreichend");
    }

    private static String levelAgainstThreshold(ActivityLevel level, BigDecimal threshold, boolean sufficient,
                                                int year) {
        return "Aktivitätsgrad " + decimal(level.mean())
                + (sufficient ? " erreicht die Schwelle " : " liegt unter der Schwelle ") + decimal(threshold)
                + " der Umfrage " + year;
    }

    private static String interest(boolean declared) {
        return declared ? "Interesse an Projekt Zukunft erklärt" : "kein Interesse an Projekt Zukunft erklärt";
    }

    private static String basis(ParticipationBasis basis) {
        if (basis == null) {
            return "";
        }
        String seal = basis.sealPeriodChecked() == null ? ""
                : basis.sealHeld() ? "; hält das Siegel " + basis.sealPeriodChecked().label()
                : "; kein gültiges Siegel " + basis.sealPeriodChecked().label();
        return " Geprüft: Bündnis " + status(basis.status()) + seal + ".";
    }

    private static String rule(GrantRule rule) {
        // a new rule gets a new constant (GrantRule is versioned); the switch then has to name its words here
        return switch (rule) {
            case SURVEY_INTEREST_WERKSTATT_V1 -> "Vergaberegel: ausreichender Aktivitätsgrad, erklärtes Interesse "
                    + "an Projekt Zukunft und Teilnahme an einer Zukunftswerkstatt der Periode, selbst oder vertreten";
        };
    }

    private static String renewal(RenewalRule rule, AwardPeriod previous, List<BuendnisId> holders) {
        if (previous == null) {
            return "keine Vorperiode";
        }
        String held = count(holders.size(), "Inhaber", "Inhaber");
        return switch (rule) {
            case RENEW_BY_WERKSTATT_ATTENDANCE -> "Inhaber des Siegels " + previous.label()
                    + " verlängern ohne Umfrage durch Teilnahme an einer Zukunftswerkstatt (" + held + ")";
            case NO_RENEWAL -> "keine Verlängerung: Inhaber des Siegels " + previous.label()
                    + " brauchen die Umfrage wie alle anderen (" + held + ")";
        };
    }

    private static String attendance(WerkstattAttendance attendance) {
        if (attendance == null) {
            return "keine Teilnahme an einer Zukunftswerkstatt verzeichnet";
        }
        return "Teilnahme an " + werkstatt(attendance) + " am " + date(attendance.date()) + attendedBy(attendance);
    }

    private static String werkstatt(WerkstattAttendance attendance) {
        return attendance.format() == WerkstattFormat.VIRTUAL
                ? "der virtuellen Zukunftswerkstatt " + quoted(attendance.region())
                : "der Zukunftswerkstatt in " + attendance.place();
    }

    /** A representative is named by organisation only; events hold no names of people. */
    private static String attendedBy(WerkstattAttendance attendance) {
        return attendance.mode() == AttendanceMode.REPRESENTATIVE
                ? ", vertreten durch " + attendance.representativeOrganisation()
                : " durch das Bündnis selbst";
    }

    private static String where(boolean atCeremony, AwardCeremony ceremony) {
        if (atCeremony) {
            return "Verliehen beim Bündnisdialog am " + date(ceremony.date()) + " in " + ceremony.place() + ".";
        }
        return "Einzeln erteilt, nicht im Rahmen des Bündnisdialogs.";
    }

    /** Free text comes last, so its own final punctuation can end the sentence. */
    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "Keine Begründung angegeben."
                : sentence("Begründung: " + quoted(reason));
    }

    private static String channel(SubmissionChannel channel) {
        return switch (channel) {
            case ONLINE -> "Online-Umfrage";
            case INTERVIEW -> "Telefoninterview";
        };
    }

    private static String status(BuendnisStatus status) {
        return switch (status) {
            case ACTIVE -> "aktiv";
            case PAUSED -> "pausiert";
            case DISSOLVED -> "aufgelöst";
        };
    }

    private static String label(AwardPeriod period) {
        return period == null ? "der Vorperiode" : period.label();
    }

    /** German decimal comma, always two places as the activity level is shown. */
    static String decimal(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** The calendar day in Berlin, where the Servicebüro and the ministry work. */
    static String date(Instant instant) {
        return DATE.format(instant.atZone(BERLIN));
    }

    /** Berlin time; seconds only when the instant has them, so a whole minute reads "13:00 Uhr". */
    static String dateTime(Instant instant) {
        ZonedDateTime local = instant.atZone(BERLIN);
        DateTimeFormatter time = local.getSecond() == 0 && local.getNano() == 0 ? MINUTES : SECONDS;
        return DATE.format(local) + ", " + time.format(local) + " Uhr";
    }

    private static String quoted(String text) {
        return "„" + text + "“";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /**
     * Ends a sentence with a full stop unless it already ends with one, also inside a closing quote: an
     * organisation such as "Caritasverband Hamm e. V." or a quoted reason that is a sentence of its own.
     */
    private static String sentence(String text) {
        String last = text.endsWith("“") ? text.substring(0, text.length() - 1) : text;
        return last.endsWith(".") || last.endsWith("!") || last.endsWith("?") ? text : text + ".";
    }
}
