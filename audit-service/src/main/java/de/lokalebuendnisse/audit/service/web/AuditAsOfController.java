package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.kernel.eligibility.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.FindAwardStateAsOfQuery;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.audit.service.history.AsOfInstant;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * An award period as of any past instant, computed from the events recorded up to it. Reads the event store, not a
 * projection, so it needs no read-your-writes position: a committed event is there at once.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit history")
class AuditAsOfController {

    static final String AT = AsOfInstant.FIELD;
    static final String PERIOD = "period";

    private final QueryGateway queries;
    private final Clock clock = Clock.systemUTC();

    AuditAsOfController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/as-of")
    @ProblemAnswers(404)
    @Parameter(name = AT, in = ParameterIn.QUERY, required = true,
            description = "ISO-8601 instant, e.g. 2024-11-21T12:00:00Z; not in the future")
    @Parameter(name = PERIOD, in = ParameterIn.QUERY, required = true, description = "award period in URL form, e.g. 2024-25")
    @Operation(summary = "An award period as of a past instant: who was eligible with which criteria, who was missing "
            + "what, who held which seal, each with an explanation",
            description = "Computed from the events recorded up to the instant (the period's stream and its alliances'), "
                    + "not from today's projections. 404 when the period had not been opened by then.")
    AwardStateAsOf asOf(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request, AT, PERIOD);
        Instant at = parameters.take(() -> AsOfInstant.parse(request.getParameter(AT), clock.instant()), AT);
        AwardPeriod period = parameters.take(() -> AwardPeriod.fromId(request.getParameter(PERIOD)), PERIOD);
        parameters.position(); // accepted like everywhere, but nothing to wait for: the event store is read directly
        parameters.throwIfAny();
        Optional<AwardStateAsOf> state;
        try {
            state = queries.query(new FindAwardStateAsOfQuery(at, period),
                    ResponseTypes.optionalInstanceOf(AwardStateAsOf.class)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return state.orElseThrow(() -> new NotFoundException(PERIOD, "award period " + period.label()
                + " had not been opened by " + at + ": no event of its stream " + period + " is recorded up to then"));
    }
}
