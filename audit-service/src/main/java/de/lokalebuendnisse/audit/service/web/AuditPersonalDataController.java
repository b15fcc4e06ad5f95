package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.kernel.audit.FindPersonalDataQuery;
import de.lokalebuendnisse.kernel.audit.PersonalDataReport;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The access request (Art. 15 GDPR) for the Servicebüro: what is stored about one contact person, read from the event
 * store directly (no position to wait for) and opened with the person's key.
 */
@RestController
@RequestMapping("/api/audit/persons")
@Tag(name = "Personal data")
class AuditPersonalDataController {

    private final QueryGateway queries;

    AuditPersonalDataController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{personId}")
    @ProblemAnswers(404)
    @Operation(summary = "Access request (Art. 15 GDPR): every stored event about a contact person",
            description = "Type, position, timestamp and who recorded each event, the details it recorded opened "
                    + "now (\"gelöscht\" in every personal field once the data is erased) and the erasure's record. "
                    + "Read from the event store. 404 when no event names the person.")
    PersonalDataReport person(HttpServletRequest request, @PathVariable String personId) {
        QueryParameters parameters = QueryParameters.of(request);
        PersonId id = parameters.take(() -> PersonId.of(personId), "personId");
        parameters.position(); // accepted like everywhere, but nothing to wait for: the event store is read directly
        parameters.throwIfAny();
        Optional<PersonalDataReport> report;
        try {
            report = queries.query(new FindPersonalDataQuery(id),
                    ResponseTypes.optionalInstanceOf(PersonalDataReport.class)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        // the id alone in the message: it is no personal data, and the answer must not tell more
        return report.orElseThrow(() -> new NotFoundException("personId", "no stored event names person " + id));
    }
}
