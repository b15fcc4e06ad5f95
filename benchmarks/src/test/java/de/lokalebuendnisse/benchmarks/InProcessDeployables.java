package de.lokalebuendnisse.benchmarks;

import de.lokalebuendnisse.audit.service.AuditServiceApplication;
import de.lokalebuendnisse.benchmarks.deploy.Deployables;
import de.lokalebuendnisse.command.CommandServiceApplication;
import de.lokalebuendnisse.platform.testing.ServiceRunner;
import de.lokalebuendnisse.query.QueryServiceApplication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployables for the smoke round: the three real services started in the test's JVM (no jars are built
 * before the tests run), each with its own {@code application.yml}, trusting the run's fresh key. Their memory is
 * the one JVM's.
 */
final class InProcessDeployables implements Deployables {

    private final Map<String, ServiceRunner> running = new LinkedHashMap<>();

    @Override
    public Started start(String name, Path dataDir, List<String> settings) {
        Class<?> application = switch (name) {
            case Benchmark.COMMAND -> CommandServiceApplication.class;
            case Benchmark.QUERY -> QueryServiceApplication.class;
            case Benchmark.AUDIT -> AuditServiceApplication.class;
            default -> throw new IllegalArgumentException(name);
        };
        String issuer = settings.stream().filter(s -> s.startsWith("--lbf.security.issuer-uri=")).findFirst()
                .orElseThrow().substring("--lbf.security.issuer-uri=".length());
        List<String> rest = new ArrayList<>(settings.stream()
                .filter(s -> !s.startsWith("--lbf.security.issuer-uri=")).toList());
        long start = System.nanoTime();
        ServiceRunner runner = ServiceRunner.startTrusting(issuer, application, name, dataDir,
                rest.toArray(String[]::new));
        running.put(name, runner);
        return new Started(name, "http://127.0.0.1:" + runner.port(), ProcessHandle.current().pid(),
                (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void stop(String name) {
        ServiceRunner runner = running.remove(name);
        if (runner != null) {
            runner.close();
        }
    }

    @Override
    public boolean separateProcesses() {
        return false;
    }

    @Override
    public void close() {
        for (String name : new ArrayList<>(running.keySet())) {
            stop(name);
        }
    }
}
