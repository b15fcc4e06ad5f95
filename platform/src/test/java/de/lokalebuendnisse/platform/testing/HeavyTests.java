package de.lokalebuendnisse.platform.testing;

/**
 * Whether the heavy variants of the trust suites run: environment {@code LBF_HEAVY_TESTS=true} (what CI sets) or
 * system property {@code lbf.heavy-tests=true}. One switch for every suite, in both services and their crash tests.
 */
public final class HeavyTests {

    public static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("lbf.heavy-tests",
            System.getenv().getOrDefault("LBF_HEAVY_TESTS", "false")));

    private HeavyTests() {
    }
}
