package de.lokalebuendnisse.audit.service;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.projection.ReadSideStartsSuite;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

/** The auditors' service starts with nothing installed and reports the audit history and the chain's fingerprints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class AuditServiceStartsTest extends ReadSideStartsSuite {

    @Override
    protected List<String> projections() {
        return List.of("audit-history", "audit-chain");
    }
}
