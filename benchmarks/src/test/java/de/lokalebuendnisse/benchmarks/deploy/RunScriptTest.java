package de.lokalebuendnisse.benchmarks.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./run.sh as a user starts it. Stop 42 found by hand that a second start while the first one's services still ran
 * printed "is up" for each (the old processes answered the health checks), then reported the new ones as ended.
 */
class RunScriptTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aStartWhileOneOfItsPortsIsHeldStartsNothingAndNamesThePort(@TempDir Path data) throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8082));
            ProcessBuilder runSh = new ProcessBuilder("bash", REPOSITORY.resolve("run.sh").toString())
                    .redirectErrorStream(true);
            runSh.environment().put("SKIP_BUILD", "1");
            runSh.environment().put("LBF_DATA_DIR", data.toString());
            Process process = runSh.start();
            Thread answering = new Thread(() -> answerEachConnection(held));
            answering.setDaemon(true);
            answering.start();
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("run.sh ended by itself").isTrue();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(output).isEqualTo(1);
                assertThat(output).contains("Port 8082 is in use").contains("Nothing was started")
                        .doesNotContain("is up");
                assertThat(data.resolve("logs")).isEmptyDirectory();
            } finally {
                process.destroyForcibly();
                answering.interrupt();
            }
        }
    }

    /** Accepts and closes, as a port an old service holds would (run.sh only needs to see it listening). */
    private static void answerEachConnection(ServerSocket held) {
        while (!held.isClosed()) {
            try {
                held.accept().close();
            } catch (IOException e) {
                return;
            }
        }
    }
}
