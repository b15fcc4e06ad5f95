package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.command.surveyimport.SurveyFileException;
import de.lokalebuendnisse.command.surveyimport.SurveyImportFile;
import de.lokalebuendnisse.command.surveyimport.SurveyImportFormat;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.ImportSurveyAnswers;
import de.lokalebuendnisse.kernel.survey.SurveyImportReport;
import de.lokalebuendnisse.platform.http.MultipartUpload;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import de.lokalebuendnisse.platform.http.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.UploadContext;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The survey tool's export, uploaded: read by the mapping sent with it and decided by the campaign as one command,
 * so an import is stored whole or not at all. {@code dryRun=true} answers the same report and stores nothing.
 */
@RestController
@RequestMapping("/api/survey-campaigns")
@ProblemAnswers({404, 409, 422, 503})
@Tag(name = "Survey campaigns", description = "The yearly Bündnisumfrage")
class SurveyImportController {

    private static final Set<String> PARTS = Set.of("file", "mapping", "format");
    private static final int MAX_FILE_NAME = 200;

    private final CommandDispatcher commands;

    SurveyImportController(CommandDispatcher commands) {
        this.commands = commands;
    }

    /** The multipart form, for the API documentation. */
    @Schema(name = "SurveyImportUpload")
    record Upload(@Schema(requiredMode = REQUIRED, type = "string", format = "binary",
                          description = "the export: LimeSurvey JSON or CSV, or the interview CSV (UTF-8)") String file,
                  @Schema(requiredMode = REQUIRED, description = "the mapping as JSON: allianceColumn, allianceIds, "
                          + "criteria, answerScores, numericAnswers, interestColumn, interestYes, interestNo, channel")
                  String mapping,
                  @Schema(requiredMode = REQUIRED, allowableValues = {"limesurvey-json", "limesurvey-csv",
                          "interview-csv"}) String format) {
    }

    @PostMapping("/{year}/imports")
    @MultipartUpload
    @Operation(summary = "Import a survey export: per row submit, amend or skip with its problems",
            description = "multipart/form-data with the parts file, mapping (JSON) and format. Every good row is "
                    + "submitted or amended in one unit; rows with problems are skipped and reported. A repeated "
                    + "file stores nothing; a corrected row becomes an amendment while the campaign is open. "
                    + "dryRun=true answers the same report and stores nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "multipart/form-data",
                            schema = @Schema(implementation = Upload.class))))
    SurveyImportReport importAnswers(@PathVariable int year,
                                     @Parameter(description = "report only, store nothing")
                                     @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
                                     HttpServletRequest request) {
        RequestViolations violations = new RequestViolations();
        CampaignYear campaign = violations.take("year", () -> CampaignYear.of(year));
        Map<String, Part> parts = parts(request, violations);
        for (String name : List.of("file", "mapping", "format")) {
            violations.required(name, parts.get(name));
        }
        SurveyImportFormat format = null;
        if (parts.containsKey("format")) {
            String name = new String(parts.get("format").bytes(), StandardCharsets.UTF_8);
            format = SurveyImportFormat.of(name).orElse(null);
            if (format == null) {
                violations.reject("format", "one-of", "must be one of " + SurveyImportFormat.names());
            }
        }
        String fileName = parts.containsKey("file") ? fileName(parts.get("file"), violations) : null;
        violations.throwIfAny();
        SurveyImportFile file = SurveyImportFile.read(format, fileName, parts.get("file").bytes(),
                parts.get("mapping").bytes(), (done, total) -> { });
        return commands.sendForAnswer(new ImportSurveyAnswers(campaign, commands.newId("survey-import"),
                file.source(), file.mapping(), file.rows(), dryRun));
    }

    /** A file or mapping that cannot be read as a whole: nothing of it is imported. */
    @ExceptionHandler(SurveyFileException.class)
    ResponseEntity<ProblemDetail> unreadable(SurveyFileException e) {
        return Problems.entity(422, e.reasons());
    }

    private record Part(String fileName, byte[] bytes) {
    }

    /** The form's parts, each once; the body was read and limited before (BodyLimitFilter). */
    private static Map<String, Part> parts(HttpServletRequest request, RequestViolations violations) {
        Map<String, Part> parts = new HashMap<>();
        FileUpload upload = new FileUpload();
        upload.setFileCountMax(PARTS.size() + 1L);
        try {
            FileItemIterator items = upload.getItemIterator(new BodyContext(request));
            while (items.hasNext()) {
                FileItemStream item = items.next();
                String name = item.getFieldName();
                byte[] bytes;
                try (InputStream in = item.openStream()) {
                    bytes = in.readAllBytes();
                }
                if (name == null || !PARTS.contains(name)) {
                    violations.reject("body", "known-parts", "the form takes the parts file, mapping and format");
                } else if (parts.putIfAbsent(name, new Part(item.getName(), bytes)) != null) {
                    violations.reject(name, "one-part", "must be sent once");
                }
            }
        } catch (IOException | RuntimeException e) {
            // FileUploadException is an IOException; a broken part header can also surface as a runtime exception
            violations.reject("body", "multipart", "the body must be a well-formed multipart/form-data form");
            violations.throwIfAny();
        }
        return parts;
    }

    private static String fileName(Part file, RequestViolations violations) {
        String name = file.fileName() == null ? "" : file.fileName();
        // a browser may send a whole client path; only its last segment is the file's name
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (name.isBlank() || name.length() > MAX_FILE_NAME || name.chars().anyMatch(Character::isISOControl)) {
            violations.reject("file", "file-name", "the file part needs a file name of 1-" + MAX_FILE_NAME
                    + " characters without control characters");
            return null;
        }
        return name;
    }

    /** The request body as Tomcat's multipart parser reads it. */
    private record BodyContext(HttpServletRequest request) implements UploadContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name(); // part headers (file names with umlauts) are UTF-8
        }

        @Override
        public String getContentType() {
            return request.getContentType();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return request.getInputStream();
        }

        @Override
        public long contentLength() {
            return request.getContentLengthLong();
        }
    }

}
