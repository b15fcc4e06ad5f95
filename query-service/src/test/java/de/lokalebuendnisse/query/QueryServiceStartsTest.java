package de.lokalebuendnisse.query;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.projection.ReadSideStartsSuite;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

/** The query service starts with nothing installed and reports the directory and the eligibility view. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class QueryServiceStartsTest extends ReadSideStartsSuite {

    @Override
    protected List<String> projections() {
        return List.of("directory", "eligibility", "seal-register");
    }
}
