package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.http.hostile.ReadSideHostileInputSuite;
import org.springframework.boot.test.context.SpringBootTest;

/** The hostile-input suite ({@link ReadSideHostileInputSuite}) run against the query service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING,
        "lbf.api.max-body-size=16KB"})
class HostileInputTest extends ReadSideHostileInputSuite {

    /** The directory, eligibility, seal verification and projection operations. */
    @Override
    protected int atLeastOperations() {
        return 11;
    }

    @Override
    protected String aProjection() {
        return "directory";
    }
}
