package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.kernel.common.Excerpt;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.audit.service.replay.AuditReplays;
import de.lokalebuendnisse.audit.service.replay.ReplayConflictException;
import de.lokalebuendnisse.audit.service.replay.ReplayReport;
import de.lokalebuendnisse.audit.service.replay.ReplayReportText;
import de.lokalebuendnisse.audit.service.replay.ReplayState;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Set;

/**
 * Auditors' replays over HTTP: start one (202 and where to follow it), follow its progress, read its report as JSON,
 * Markdown or HTML. One runs at a time.
 */
@RestController
@RequestMapping("/api/audit/replays")
@Tag(name = "Audit replay")
class AuditReplayController {

    static final MediaType TEXT_MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");
    static final MediaType TEXT_HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private static final String KEEP = "keep";

    private final AuditReplays replays;

    AuditReplayController(AuditReplays replays) {
        this.replays = replays;
    }

    @PostMapping
    @ProblemAnswers(409)
    @Operation(summary = "Start a replay of the whole history (keep=true keeps it in a database of its own); "
            + "409 while one runs")
    ResponseEntity<ReplayState> start(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request, KEEP);
        String keep = parameters.oneOf(KEEP, "false", Set.of("true", "false"));
        parameters.throwIfAny();
        ReplayState state = replays.start(Boolean.parseBoolean(keep));
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/audit/replays/" + state.id()))
                .body(state);
    }

    @GetMapping("/{id}")
    @ProblemAnswers(404)
    @Operation(summary = "A replay's status and progress (events done, total, rate, time left); its report when "
            + "finished")
    ReplayState state(@PathVariable String id, HttpServletRequest request) {
        QueryParameters.of(request).throwIfAny();
        return find(id);
    }

    @GetMapping("/{id}/report.md")
    @ProblemAnswers({404, 409})
    @Operation(summary = "The finished replay's report as Markdown")
    ResponseEntity<String> markdown(@PathVariable String id, HttpServletRequest request) {
        QueryParameters.of(request).throwIfAny();
        return ResponseEntity.ok().contentType(TEXT_MARKDOWN).body(ReplayReportText.markdown(report(id)));
    }

    @GetMapping("/{id}/report.html")
    @ProblemAnswers({404, 409})
    @Operation(summary = "The finished replay's report as an HTML page")
    ResponseEntity<String> html(@PathVariable String id, HttpServletRequest request) {
        QueryParameters.of(request).throwIfAny();
        return ResponseEntity.ok().contentType(TEXT_HTML).body(ReplayReportText.html(report(id)));
    }

    private ReplayReport report(String id) {
        ReplayState state = find(id);
        if (state.report() == null) {
            throw new ReplayConflictException("id", "finished", "replay " + id + " is " + state.status()
                    + (state.error() == null ? "; its report is there once it has finished" : ": " + state.error()));
        }
        return state.report();
    }

    private ReplayState find(String id) {
        if (!id.matches("[0-9A-Za-z-]{1,40}")) {
            throw new InvalidValueException("id", "replay-id", "must be a replay id as answered by POST /api/audit/replays");
        }
        return replays.find(id).orElseThrow(() -> new NotFoundException("id", "no replay " + Excerpt.of(id)
                + " is known to this service (replays are remembered until it stops)"));
    }
}
