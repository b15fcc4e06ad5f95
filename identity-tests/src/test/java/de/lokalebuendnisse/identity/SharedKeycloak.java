package de.lokalebuendnisse.identity;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Keycloak for every Keycloak test class of the run ({@link KeycloakProcess} as a parameter of a
 * {@code @BeforeAll} method): its start costs far more than the tests, so it is started on first use and stopped when
 * the run ends (JUnit closes what its root store holds). Switched on without a JDK 21+ it fails every class that
 * asks for it: CI must not pass without having proven the realm. Switched off, each class says on the console that
 * it did not run (a skipped count alone is easily read as a pass).
 */
public final class SharedKeycloak implements ExecutionCondition, ParameterResolver {

    static final String HOW_TO_SWITCH_ON = "Switch it on with LBF_KEYCLOAK_TESTS=true ./mvnw -B verify (CI does): "
            + "it fetches org.keycloak:keycloak-quarkus-dist (about 200 MB) and needs a JDK 21+ for Keycloak "
            + "(found under /usr/lib/jvm, or set LBF_KEYCLOAK_JAVA_HOME).";

    /** The confidential clients of the realm file and the variables their secrets come from. */
    static final Map<String, String> SECRET_VARIABLES = Map.of(
            "survey-import", "LBF_KC_SURVEY_IMPORT_SECRET",
            "werkstatt-registration", "LBF_KC_WERKSTATT_REGISTRATION_SECRET",
            "crm", "LBF_KC_CRM_SECRET",
            "operations", "LBF_KC_OPERATIONS_SECRET");

    static final boolean SWITCHED_ON = Boolean.parseBoolean(System.getProperty("lbf.keycloak-tests",
            System.getenv().getOrDefault("LBF_KEYCLOAK_TESTS", "false")));

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKeycloak.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (SWITCHED_ON) {
            return ConditionEvaluationResult.enabled("LBF_KEYCLOAK_TESTS=true");
        }
        String reason = context.getRequiredTestClass().getSimpleName() + " did NOT run: the Keycloak tests are off. "
                + HOW_TO_SWITCH_ON;
        if (context.getTestMethod().isEmpty()) {
            System.out.println("[lbf] " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakProcess.class;
    }

    @Override
    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: its successor computeIfAbsent is not in every JUnit 5/6
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KeycloakProcess.class, key -> start(), KeycloakProcess.class);
    }

    private static KeycloakProcess start() {
        Path javaHome = KeycloakProcess.findJdk21OrNewer().orElseThrow(() -> new AssertionError(
                "LBF_KEYCLOAK_TESTS=true, but no JDK 21 or newer was found for Keycloak (looked at "
                        + "LBF_KEYCLOAK_JAVA_HOME, the running JVM, /usr/lib/jvm, /usr/java, /opt/java, "
                        + "~/.sdkman/candidates/java). Install one (e.g. Temurin 21/25) or point "
                        + "LBF_KEYCLOAK_JAVA_HOME at it; the realm was NOT proven."));
        Map<String, String> secrets = new LinkedHashMap<>();
        SECRET_VARIABLES.values().forEach(variable -> secrets.put(variable, randomToken()));
        try {
            KeycloakProcess keycloak = KeycloakProcess.start(
                    Path.of(System.getProperty("lbf.keycloak.home")),
                    javaHome,
                    Path.of(System.getProperty("lbf.realm-file")),
                    Path.of(System.getProperty("lbf.keycloak.work-dir", "target/keycloak-run")),
                    secrets,
                    randomToken());
            System.out.printf("Keycloak %s (JDK %s) served realm lbf after %d ms on %s%n",
                    System.getProperty("lbf.keycloak.version"), javaHome, keycloak.startTime.toMillis(),
                    keycloak.baseUrl());
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
