package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.eligibility.ActiveCriterion;
import de.lokalebuendnisse.kernel.eligibility.AttendanceCriterion;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCriteria;
import de.lokalebuendnisse.kernel.eligibility.EligibilityEntry;
import de.lokalebuendnisse.kernel.eligibility.EligibilityOverview;
import de.lokalebuendnisse.kernel.eligibility.EligibilityRules;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityEntryQuery;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityQuery;
import de.lokalebuendnisse.kernel.eligibility.GrantedSeal;
import de.lokalebuendnisse.kernel.eligibility.InterestCriterion;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.eligibility.PreviousSealCriterion;
import de.lokalebuendnisse.kernel.eligibility.RevokedSeal;
import de.lokalebuendnisse.kernel.eligibility.ScheduledWerkstatt;
import de.lokalebuendnisse.kernel.eligibility.SurveyCriterion;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.eligibility.FindInvitationListQuery;
import de.lokalebuendnisse.kernel.eligibility.InvitationList;
import de.lokalebuendnisse.kernel.eligibility.Invitee;
import de.lokalebuendnisse.kernel.eligibility.InviteeContact;
import de.lokalebuendnisse.kernel.seal.GrantCriterion;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The queries and their answers cross Axon Server serialized by Axon's Jackson serializer, as configured here. */
class EligibilityMessagesSerializationTest {

    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final AwardCeremony CEREMONY = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper())
            .build();

    @Test
    void theQueriesReadBackEqualWithAndWithoutFilters() {
        assertRoundTrip(new FindEligibilityQuery(PERIOD, EligibilityStatus.MISSING, Bundesland.NW));
        assertRoundTrip(new FindEligibilityQuery(PERIOD, null, null));
        assertRoundTrip(new FindEligibilityEntryQuery(PERIOD, BuendnisId.of("hamm")));
        assertRoundTrip(new FindInvitationListQuery(PERIOD));
    }

    @Test
    void anInvitationListReadsBackEqual() {
        assertRoundTrip(new InvitationList(PERIOD, List.of(), List.of(
                new Invitee(BuendnisId.of("hamm"), "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW,
                        GrantBasis.RENEWAL, new InviteeContact("Erika Muster", "erika@example.org", "+49 2381 1",
                        "de", false), LocalDate.of(2024, 8, 30), InvitationChannel.LETTER),
                new Invitee(BuendnisId.of("bremen"), null, null, null, GrantBasis.SURVEY, null, null, null))));
    }

    @Test
    void anOverviewWithEveryDetailReadsBackEqual() {
        EligibilityEntry revoked = new EligibilityEntry(PERIOD, BuendnisId.of("hamm"),
                "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, EligibilityStatus.REVOKED, GrantBasis.SURVEY,
                List.of(), criteria(true), new GrantedSeal("Ausgezeichnetes Bündnis 2024/25", GrantBasis.SURVEY, true,
                CEREMONY, Instant.parse("2024-11-22T10:15:00Z")),
                new RevokedSeal("survey answers proved false", Instant.parse("2025-03-01T09:00:00Z")),
                LocalDate.of(2024, 8, 30), InvitationChannel.EMAIL);
        EligibilityEntry missing = new EligibilityEntry(PERIOD, BuendnisId.of("bremen"), null, null, null,
                EligibilityStatus.MISSING, null, List.of(new MissingCriterion(GrantCriterion.WERKSTATT_ATTENDED,
                "no attendance at a Werkstatt of this period is recorded, neither in person nor by representative")),
                criteria(false), null, null, null, null);
        EligibilityOverview overview = new EligibilityOverview(PERIOD, "Ausgezeichnetes Bündnis 2024/25",
                new EligibilityRules(CampaignYear.of(2024), GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                        RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, AwardPeriod.of("2023/24")),
                CEREMONY, true, false,
                List.of(new ScheduledWerkstatt(WerkstattId.of("werkstatt-west-2024"), "West", "Hamm",
                        LocalDate.of(2024, 9, 18), WerkstattFormat.VIRTUAL)),
                new EligibilityCounts(0, 1, 0, 1, 2), List.of(missing, revoked));

        assertRoundTrip(overview);
    }

    private static EligibilityCriteria criteria(boolean attended) {
        return new EligibilityCriteria(
                new SurveyCriterion(true, CampaignYear.of(2024), true, new BigDecimal("3.33"), new BigDecimal("3.00"),
                        SubmissionChannel.INTERVIEW),
                new InterestCriterion(true),
                attended ? new AttendanceCriterion(true, WerkstattId.of("werkstatt-west-2024"), "West", "Hamm",
                        LocalDate.of(2024, 9, 18), WerkstattFormat.VIRTUAL, AttendanceMode.REPRESENTATIVE,
                        "Caritasverband Hamm e. V.")
                        : new AttendanceCriterion(false, null, null, null, null, null, null, null),
                new PreviousSealCriterion(false, AwardPeriod.of("2023/24"), RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                        false),
                new ActiveCriterion(true, BuendnisStatus.ACTIVE));
    }

    private void assertRoundTrip(Object message) {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);
        Object read = serializer.deserialize(serialized);
        assertThat(read).isEqualTo(message);
    }
}
