package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.kernel.eligibility.explanation.FindExplanationsQuery;
import de.lokalebuendnisse.kernel.eligibility.explanation.PeriodExplanations;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** The explanation of every grant, renewal and revocation of an award period, from its own stream. */
@RestController
@RequestMapping("/api/audit/explanations")
@Tag(name = "Audit history")
class AuditExplanationsController {

    private static final String AT = AsOfInstant.FIELD;

    private final QueryGateway queries;
    private final Clock clock = Clock.systemUTC();

    AuditExplanationsController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{period}")
    @ProblemAnswers(404)
    @Parameter(name = AT, in = ParameterIn.QUERY,
            description = "only events recorded up to this ISO-8601 instant, e.g. 2024-11-21T12:00:00Z; all when absent")
    @Operation(summary = "Every grant, renewal and revocation of an award period, in the order recorded, each with "
            + "its rule and version, each criterion with the fact it was judged on, and a German sentence",
            description = "period in URL form, e.g. 2024-25. 404 when the period had not been opened (by at).")
    PeriodExplanations explanations(@PathVariable String period, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request, AT);
        AwardPeriod awardPeriod = parameters.take(() -> AwardPeriod.fromId(period), "period");
        String atText = request.getParameter(AT);
        Instant at = atText == null || atText.isBlank() ? null
                : parameters.take(() -> AsOfInstant.parse(atText, clock.instant()), AT);
        parameters.position(); // accepted like everywhere, but nothing to wait for: the event store is read directly
        parameters.throwIfAny();
        Optional<PeriodExplanations> explanations;
        try {
            explanations = queries.query(new FindExplanationsQuery(awardPeriod, at),
                    ResponseTypes.optionalInstanceOf(PeriodExplanations.class)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return explanations.orElseThrow(() -> new NotFoundException("period", "award period " + awardPeriod.label()
                + (at == null ? " is not known: no event of its stream " + awardPeriod + " is recorded"
                : " had not been opened by " + at + ": no event of its stream " + awardPeriod
                + " is recorded up to then")));
    }
}
