package de.lokalebuendnisse.benchmarks.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/jvm-limits.sh (./run.sh, ./bench.sh) and the image (Dockerfile, docker-compose.yml) start each service with
 * the same memory limits: the heap per service and the limits of all. Read from the scripts as bash reads them.
 */
class JvmLimitsTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final List<String> SERVICES = List.of("command-service", "query-service", "audit-service");

    @Test
    void theImagesStartEachServiceWithTheHeapRunShGivesIt() throws Exception {
        Map<String, String> script = fromJvmLimitsSh();
        String compose = Files.readString(REPOSITORY.resolve("docker-compose.yml"));
        for (String service : SERVICES) {
            assertThat(composeHeapOf(compose, service)).as(service).isEqualTo(script.get(service));
        }
    }

    @Test
    void theImageHasTheLimitsOfJvmLimitsSh() throws Exception {
        Matcher limits = Pattern.compile("(?m)^ENV JVM_LIMITS=\"([^\"]*)\"")
                .matcher(Files.readString(REPOSITORY.resolve("Dockerfile")));
        assertThat(limits.find()).isTrue();
        // the script adds the flags the JVM knows; the image's JVM knows them all, so every one of the script's is there
        assertThat(List.of(limits.group(1).split(" "))).containsAll(List.of(fromJvmLimitsSh().get("all").split(" ")));
    }

    @Test
    void aServiceWhoseHeapRanOutEndsSoThatItsSupervisorRestartsIt() throws Exception {
        assertThat(List.of(fromJvmLimitsSh().get("all").split(" "))).contains("-XX:+ExitOnOutOfMemoryError");
        String compose = Files.readString(REPOSITORY.resolve("docker-compose.yml"));
        for (String service : SERVICES) {
            assertThat(composeBlockOf(compose, service)).as(service).contains("restart: unless-stopped");
        }
    }

    @Test
    void longLivedThreadsReadingLargeChunksStayWithinTheDirectMemoryLimit() throws Exception {
        Map<String, String> script = fromJvmLimitsSh();
        List<String> options = List.of(script.get("all").split(" "));
        assertThat(chunkReaders(script.get("command-service"), options)).contains("read");
        // the same without the bound on the threads' cached buffers: the failure of stop 31's million-event run
        List<String> unbounded = options.stream().filter(o -> !o.startsWith("-Djdk.nio.maxCachedBufferSize")).toList();
        assertThat(chunkReaders(script.get("command-service"), unbounded))
                .contains("failed: java.lang.OutOfMemoryError: Cannot reserve");
    }

    private static String chunkReaders(String heap, List<String> options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChunkReaders.class.getName()));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        java.waitFor();
        return output;
    }

    @Test
    void theAuditServiceHasMoreHeapThanTheReplayOfAMillionEventsNeeded() throws Exception {
        // the auditors' replay of 1M events finished in a 128 MB heap of its own (README, "Replay"); the service
        // holds its projections beside it
        assertThat(megabytes(fromJvmLimitsSh().get("audit-service"))).isGreaterThan(128);
    }

    private static long megabytes(String xmx) {
        Matcher m = Pattern.compile("^-Xmx(\\d+)m$").matcher(xmx);
        assertThat(m.matches()).as(xmx).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String composeHeapOf(String compose, String service) {
        Matcher heap = Pattern.compile("\n {6}JVM_HEAP: (\\S+)").matcher(composeBlockOf(compose, service));
        assertThat(heap.find()).as("JVM_HEAP of " + service).isTrue();
        return heap.group(1);
    }

    /** The lines of {@code service} in docker-compose.yml, up to the next service. */
    private static String composeBlockOf(String compose, String service) {
        int start = compose.indexOf("\n  " + service + ":\n");
        assertThat(start).as(service + " in docker-compose.yml").isNotNegative();
        Matcher nextService = Pattern.compile("\n  [a-z-]+:\n").matcher(compose);
        return compose.substring(start, nextService.find(start + 1) ? nextService.start() : compose.length());
    }

    private static Map<String, String> fromJvmLimitsSh() throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder(". scripts/jvm-limits.sh\n");
        for (String service : SERVICES) {
            script.append("echo \"").append(service).append("=$(heap_of ").append(service).append(")\"\n");
        }
        script.append("echo \"all=$JVM_LIMITS\"\n");
        Process bash = new ProcessBuilder("bash", "-c", script.toString()).directory(REPOSITORY.toFile())
                .redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(output).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        output.lines().filter(line -> line.contains("=")).forEach(line -> values.put(
                line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).trim()));
        return values;
    }
}
