package de.lokalebuendnisse.command.surveyimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.kernel.common.Refusal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar command-service-exec.jar import-survey --year=2025 --format=limesurvey-json --file=answers.json
 * --mapping=mapping.json [--dry-run] [--url=http://localhost:8081] [--idempotency-key=...]}: reads the file here
 * first (progress and the file's own problems without a round trip), then sends it to the running command service
 * as the HTTP upload does, with the access token from {@code LBF_ACCESS_TOKEN}, and prints the report. The service
 * decides; this side stores nothing. Exit codes: 0 done (also "nothing new"), 1 the service failed or could not be
 * reached, 2 usage or no token, 3 refused (the file, the mapping or the request).
 */
public final class SurveyImportCommandLine {

    public static final String NAME = "import-survey";
    public static final String TOKEN_VARIABLE = "LBF_ACCESS_TOKEN";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    private static final int PROGRESS_EVERY = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE_TEXT = "usage: " + NAME + " --year=YYYY --format=" + SurveyImportFormat.names()
            .replace(", ", "|") + " --file=PATH --mapping=PATH [--dry-run] [--url=http://localhost:8081]"
            + " [--idempotency-key=KEY]; the access token in " + TOKEN_VARIABLE;

    private SurveyImportCommandLine() {
    }

    /** @param args the first is {@value #NAME} */
    public static int run(String[] args, String token, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--dry-run")) {
                options.put("dry-run", "true");
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                err.println("unknown argument " + arg + "\n" + USAGE_TEXT);
                return USAGE;
            }
        }
        for (String required : new String[]{"year", "format", "file", "mapping"}) {
            if (!options.containsKey(required) || options.get(required).isBlank()) {
                err.println("missing --" + required + "\n" + USAGE_TEXT);
                return USAGE;
            }
        }
        if (!options.get("year").matches("\\d{4}")) {
            err.println("--year must be a year such as 2025\n" + USAGE_TEXT);
            return USAGE;
        }
        SurveyImportFormat format = SurveyImportFormat.of(options.get("format")).orElse(null);
        if (format == null) {
            err.println("--format must be one of " + SurveyImportFormat.names());
            return USAGE;
        }
        if (token == null || token.isBlank()) {
            err.println("no access token: set " + TOKEN_VARIABLE + " to a token of the role service or staff");
            return USAGE;
        }
        Path filePath = Path.of(options.get("file"));
        byte[] file;
        byte[] mapping;
        try {
            file = Files.readAllBytes(filePath);
            mapping = Files.readAllBytes(Path.of(options.get("mapping")));
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return USAGE;
        }
        String fileName = filePath.getFileName().toString();
        try {
            SurveyImportFile.read(format, fileName, file, mapping, (done, total) -> {
                if (done % PROGRESS_EVERY == 0 || done == total) {
                    out.println("read " + done + "/" + total + " rows");
                }
            });
        } catch (SurveyFileException e) {
            err.println("refused before sending, nothing imported:");
            e.reasons().forEach(reason -> err.println("  " + line(reason)));
            return REFUSED;
        }
        boolean dryRun = options.containsKey("dry-run");
        String url = options.getOrDefault("url", "http://localhost:8081").replaceAll("/+$", "");
        out.println((dryRun ? "dry run: " : "importing: ") + "sending " + fileName + " (" + file.length + " bytes) to "
                + url);
        return send(url, options, dryRun, format, fileName, file, mapping, token, out, err);
    }

    private static int send(String url, Map<String, String> options, boolean dryRun, SurveyImportFormat format,
                            String fileName, byte[] file, byte[] mapping, String token, PrintStream out,
                            PrintStream err) {
        // derived from the content, so a rerun under the same --idempotency-key sends the same bytes (the service
        // compares them) and the answer is replayed instead of refused as another request
        String boundary = "lbf-import-" + SurveyImportFile.sha256(concat(file, mapping)).substring(0, 32);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "file", fileName, file);
        part(body, boundary, "mapping", null, mapping);
        part(body, boundary, "format", null, format.formatName().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/survey-campaigns/"
                        + options.get("year") + "/imports" + (dryRun ? "?dryRun=true" : "")))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token.strip())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (options.containsKey("idempotency-key")) {
            request.header("Idempotency-Key", options.get("idempotency-key"));
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            err.println("the command service at " + url + " cannot be reached");
            return FAILED;
        } catch (IOException e) {
            err.println("the upload failed: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            err.println("the service answered " + response.statusCode() + " with no readable report");
            return FAILED;
        }
        if (response.statusCode() >= 500) {
            err.println("the service failed (" + response.statusCode() + "): " + answer.path("detail").asText());
            return FAILED;
        }
        if (response.statusCode() != 200) {
            err.println("refused (" + response.statusCode() + "), nothing imported:");
            answer.path("violations").forEach(v -> err.println("  " + line(new Refusal.Reason(
                    v.path("field").isNull() ? null : v.path("field").asText(), v.path("rule").asText(),
                    v.path("detail").asText()))));
            return REFUSED;
        }
        printReport(answer, out);
        return OK;
    }

    private static void printReport(JsonNode report, PrintStream out) {
        JsonNode counts = report.path("counts");
        out.println("rows " + counts.path("rows").asInt() + ": " + counts.path("submit").asInt() + " submit, "
                + counts.path("amend").asInt() + " amend, " + counts.path("unchanged").asInt() + " unchanged, "
                + counts.path("refused").asInt() + " refused");
        report.path("importProblems").forEach(p -> out.println("import: " + p.path("rule").asText() + ": "
                + p.path("detail").asText()));
        for (JsonNode row : report.path("rows")) {
            if ("REFUSED".equals(row.path("outcome").asText())) {
                out.println("row " + row.path("rowNumber").asInt() + " ("
                        + (row.path("buendnisId").isNull() ? "no alliance" : row.path("buendnisId").asText()) + "):");
                row.path("problems").forEach(p -> out.println("  " + p.path("field").asText() + " "
                        + p.path("rule").asText() + ": " + p.path("detail").asText()));
            }
        }
        if (report.path("dryRun").asBoolean()) {
            out.println("dry run: nothing stored");
        } else if (report.path("recorded").asBoolean()) {
            out.println("imported as " + report.path("importId").asText());
        } else {
            out.println("nothing new: nothing stored");
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String line(Refusal.Reason reason) {
        return (reason.field() == null ? "" : reason.field() + " ") + reason.rule() + ": " + reason.detail();
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName,
                             byte[] content) {
        String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName.replace("\"", "") + "\"");
        body.writeBytes(("--" + boundary + "\r\n" + disposition + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
