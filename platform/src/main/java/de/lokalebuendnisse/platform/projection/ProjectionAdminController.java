package de.lokalebuendnisse.platform.projection;

import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Operating the projections: where they stand, rebuilding one, retrying its dead letters. */
@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "Projections (operations)")
class ProjectionAdminController {

    private final Projections projections;

    ProjectionAdminController(Projections projections) {
        this.projections = projections;
    }

    record RetryResponse(String projection, int sequencesHandled, long deadLettersLeft) {
    }

    @GetMapping
    @Operation(summary = "Every projection: running, position, lag behind the event store, dead letters, rebuild progress")
    List<ProjectionState> all() {
        return projections.states();
    }

    @GetMapping("/{name}")
    @ProblemAnswers(404)
    @Operation(summary = "One projection; while it is rebuilt, the rebuild's progress (events done, total, rate, time left)")
    ProjectionState one(@PathVariable String name) {
        return projections.state(name);
    }

    @PostMapping("/{name}/rebuild")
    @ProblemAnswers({404, 409})
    @Operation(summary = "Rebuild a projection from the first event: stop, reset its tokens (clears its documents), start")
    ResponseEntity<ProjectionState.RebuildProgress> rebuild(@PathVariable String name) {
        ProjectionState.RebuildProgress progress = projections.rebuild(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/admin/projections/" + name)).body(progress);
    }

    @PostMapping("/{name}/dead-letters/retry")
    @ProblemAnswers({404, 409})
    @Operation(summary = "Retry the projection's dead letters once, oldest sequence first, after an open replay or"
            + " catch-up window of the projection is written; 409 when it is not written within twice its longest age")
    RetryResponse retryDeadLetters(@PathVariable String name) {
        int handled = projections.retryDeadLetters(name);
        return new RetryResponse(name, handled, projections.deadLetters(name));
    }
}
