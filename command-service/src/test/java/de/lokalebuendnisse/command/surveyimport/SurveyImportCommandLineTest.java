package de.lokalebuendnisse.command.surveyimport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's usage refusals, before anything is read or sent (the round trip: SurveyImportIntegrationTest). */
class SurveyImportCommandLineTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String token, String... args) {
        return SurveyImportCommandLine.run(args, token, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingOptionIsAUsageError() {
        assertThat(run("t", "import-survey", "--year=2025", "--format=limesurvey-json", "--file=x.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --mapping", "usage: import-survey");
    }

    @Test
    void anUnknownFormatOrArgumentIsAUsageError() {
        assertThat(run("t", "import-survey", "--year=2025", "--format=excel", "--file=x", "--mapping=y")).isEqualTo(2);
        assertThat(run("t", "import-survey", "now")).isEqualTo(2);
        assertThat(run("t", "import-survey", "--year=25", "--format=interview-csv", "--file=x", "--mapping=y"))
                .isEqualTo(2);
    }

    @Test
    void withoutATokenNothingIsReadOrSent() {
        assertThat(run(null, "import-survey", "--year=2025", "--format=limesurvey-json", "--file=x.json",
                "--mapping=m.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("LBF_ACCESS_TOKEN");
    }

    @Test
    void anUnreadableLocalFileIsAUsageError() {
        assertThat(run("t", "import-survey", "--year=2025", "--format=limesurvey-json",
                "--file=/nonexistent/answers.json", "--mapping=/nonexistent/m.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
    }
}
