package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.http.hostile.ReadSideHostileInputSuite;
import org.springframework.boot.test.context.SpringBootTest;

/** The hostile-input suite ({@link ReadSideHostileInputSuite}) run against the auditors' service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING,
        "lbf.api.max-body-size=16KB"})
class HostileInputTest extends ReadSideHostileInputSuite {

    /** The audit history, exports, replays, verify, as-of, explanations and projection operations. */
    @Override
    protected int atLeastOperations() {
        return 14;
    }

    @Override
    protected String aProjection() {
        return "audit-history";
    }
}
