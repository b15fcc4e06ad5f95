package de.lokalebuendnisse.kernel.audit;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActingIdentityTest {

    @Test
    void theVerifiedIdentityIsReadFromTheMetadataTheCommandSideWrites() {
        assertThat(ActingIdentity.of(AuditEvents.ANNA.metaData())).isEqualTo(new ActingIdentity("Anna Schmidt",
                AuditEvents.ANNA.subject(), "servicebuero-portal", "staff"));
    }

    @Test
    void anEventStoredBeforeTokensHasNoneEvenWithADeclaredCaller() {
        assertThat(ActingIdentity.of(AuditEvents.selfDeclared("servicebuero:anna"))).isNull();
        assertThat(ActingIdentity.of(Map.of())).isNull();
        assertThat(ActingIdentity.of(null)).isNull();
    }

    @Test
    void anyPartOfTheIdentityIsShownAsRecorded() {
        assertThat(ActingIdentity.of(Map.of("callerRole", "service"))).isEqualTo(new ActingIdentity(null, null, null,
                "service"));
    }
}
