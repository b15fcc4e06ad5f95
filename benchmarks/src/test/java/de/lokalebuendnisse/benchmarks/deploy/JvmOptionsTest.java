package de.lokalebuendnisse.benchmarks.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each deployable starts with its own options (its heap, from ./bench.sh) and then the options of all (JAVA_OPTS), so
 * JAVA_OPTS can still override its heap: the JVM takes the last -Xmx.
 */
class JvmOptionsTest {

    private final JarDeployables deployables = new JarDeployables(Path.of("."),
            Map.of("command-service", List.of("-Xmx96m"), "audit-service", List.of("-Xmx160m")),
            List.of("-XX:+UseSerialGC", "-Xmx200m"));

    @Test
    void aDeployablesOwnOptionsComeBeforeThoseOfAll() {
        assertThat(deployables.jvmOptions("command-service")).containsExactly("-Xmx96m", "-XX:+UseSerialGC", "-Xmx200m");
        assertThat(deployables.jvmOptions("audit-service")).containsExactly("-Xmx160m", "-XX:+UseSerialGC", "-Xmx200m");
    }

    @Test
    void aDeployableWithoutOwnOptionsGetsThoseOfAll() {
        assertThat(deployables.jvmOptions("query-service")).containsExactly("-XX:+UseSerialGC", "-Xmx200m");
    }

    @Test
    void theVariableIsNamedAsBenchShExportsIt() {
        assertThat(JarDeployables.ownOptionsVariable("command-service")).isEqualTo("JVM_HEAP_COMMAND_SERVICE");
        assertThat(JarDeployables.ownOptionsVariable("query-service")).isEqualTo("JVM_HEAP_QUERY_SERVICE");
        assertThat(JarDeployables.ownOptionsVariable("audit-service")).isEqualTo("JVM_HEAP_AUDIT_SERVICE");
    }

    @Test
    void optionsAreSplitAtWhiteSpaceAsAShellDoes() {
        assertThat(JarDeployables.splitOptions(" -Xmx96m \t-Xms48m\n")).containsExactly("-Xmx96m", "-Xms48m");
        assertThat(JarDeployables.splitOptions("  ")).isEmpty();
        assertThat(JarDeployables.splitOptions(null)).isEmpty();
    }

    @Test
    void benchShGivesEachDeployableTheHeapRunShStartsItWith() throws Exception {
        String bench = Files.readString(Path.of("..", "bench.sh"));
        for (String name : List.of("command-service", "query-service", "audit-service")) {
            String variable = JarDeployables.ownOptionsVariable(name);
            assertThat(bench).contains(variable + "=\"$(heap_of " + name + ")\"");
            assertThat(bench.lines()).anyMatch(line -> line.startsWith("export ") && line.contains(" " + variable));
        }
        assertThat(Files.readString(Path.of("..", "run.sh"))).contains("java $(heap_of \"$name\")");
    }
}
