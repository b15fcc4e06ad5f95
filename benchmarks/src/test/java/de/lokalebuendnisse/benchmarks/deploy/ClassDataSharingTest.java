package de.lokalebuendnisse.benchmarks.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark starts a service from the class data archive scripts/cds.sh made only when it was made from the very
 * jar it would start: the folder is the first 16 hex digits of the jar's SHA-256, as {@code sha256sum} prints them.
 */
class ClassDataSharingTest {

    /** SHA-256 of "abc", as sha256sum prints it, cut to 16 digits like scripts/cds.sh does. */
    private static final String ABC = "ba7816bf8f01cfea";

    @TempDir
    Path target;

    @Test
    void withoutAPreparedFolderTheRunnableJarStarts() throws IOException {
        Path jar = jar("abc");

        assertThat(JarDeployables.classDataSharing("command-service", jar)).containsExactly("-jar", jar.toString());
    }

    @Test
    void theArchiveAndUnpackedJarMadeFromThisJarAreUsed() throws IOException {
        Path jar = jar("abc");
        Path folder = prepared(ABC);

        assertThat(JarDeployables.classDataSharing("command-service", jar)).containsExactly(
                "-XX:SharedArchiveFile=" + folder.resolve("command-service.jsa"),
                "-jar", folder.resolve("app").resolve(jar.getFileName()).toString());
    }

    @Test
    void anArchiveOfAnEarlierBuildIsNotUsed() throws IOException {
        Path jar = jar("abd");
        prepared(ABC);

        assertThat(JarDeployables.classDataSharing("command-service", jar)).containsExactly("-jar", jar.toString());
    }

    @Test
    void anUnpackedJarWhoseTrainingMadeNoArchiveIsNotUsed() throws IOException {
        Path jar = jar("abc");
        Files.delete(prepared(ABC).resolve("command-service.jsa"));

        assertThat(JarDeployables.classDataSharing("command-service", jar)).containsExactly("-jar", jar.toString());
    }

    private Path jar(String content) throws IOException {
        return Files.writeString(target.resolve("command-service-0.1.0-SNAPSHOT-exec.jar"), content);
    }

    private Path prepared(String hash) throws IOException {
        Path folder = Files.createDirectories(target.resolve("cds").resolve(hash));
        Files.writeString(folder.resolve("command-service.jsa"), "archive");
        Files.writeString(Files.createDirectories(folder.resolve("app")).resolve("command-service-0.1.0-SNAPSHOT-exec.jar"),
                "unpacked");
        return folder;
    }
}
