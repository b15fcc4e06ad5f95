package de.lokalebuendnisse.audit.service.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayReportTextTest {

    @Test
    void aCallerWithATokenIsNamedWithRoleSubjectAndClient() {
        assertThat(ReplayReportText.caller("Anna Schmidt", "5d1c-anna", "servicebuero-portal", "staff"))
                .isEqualTo("Anna Schmidt (staff, subject 5d1c-anna, client servicebuero-portal)");
    }

    @Test
    void aCallerStoredBeforeTokensIsTheDeclaredNameAlone() {
        assertThat(ReplayReportText.caller("servicebuero:anna", null, null, null)).isEqualTo("servicebuero:anna");
        assertThat(ReplayReportText.caller(null, null, null, null)).isEmpty();
    }

    @Test
    void anIdentityWithoutNameStillShowsWhatIsKnown() {
        assertThat(ReplayReportText.caller(null, "sub-1", null, "service")).isEqualTo("(service, subject sub-1)");
    }
}
