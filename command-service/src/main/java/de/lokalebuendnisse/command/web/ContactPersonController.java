package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.kernel.buendnis.AddContactPerson;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.ChangeContactPerson;
import de.lokalebuendnisse.kernel.buendnis.ErasePersonalData;
import de.lokalebuendnisse.kernel.buendnis.RemoveContactPerson;
import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.ContactFunction;
import de.lokalebuendnisse.kernel.person.Engagement;
import de.lokalebuendnisse.kernel.person.ErasureBasis;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.platform.http.OneOf;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * A Bündnis's contact persons. Their details are personal data: the command carries them to the aggregate, which
 * records them only sealed with the person's own key; erasure deletes that key.
 */
@RestController
@RequestMapping("/api/buendnisse/{id}/contacts")
@ProblemAnswers({404, 409, 422, 503})
@Tag(name = "Bündnisse", description = "Register and maintain local alliances for families")
class ContactPersonController {

    private final CommandDispatcher commands;

    ContactPersonController(CommandDispatcher commands) {
        this.commands = commands;
    }

    /** A contact's details; every field optional here so that missing ones are reported together. */
    record ContactRequest(@Schema(requiredMode = REQUIRED, maxLength = 200) String name,
                          @Schema(requiredMode = REQUIRED) @OneOf(ContactFunction.class) String function,
                          @Schema(requiredMode = REQUIRED) @OneOf(Engagement.class) String engagement,
                          @Schema(description = "an e-mail address or a phone number is required", maxLength = 254)
                          String email,
                          @Schema(description = "digits, spaces and + - / ( )", maxLength = 40) String phone,
                          @Schema(description = "ISO 639-1; de when not given", pattern = "^[a-z]{2}$")
                          String language,
                          @Schema(description = "the alliance's primary contact; at most one is") Boolean primary) {
    }

    record ErasureRequest(@Schema(requiredMode = REQUIRED) @OneOf(ErasureBasis.class) String legalBasis,
                          @Schema(description = BuendnisController.NO_PERSONAL_DATA, maxLength = 500) String reason) {
    }

    record ContactResponse(String buendnisId, String personId) {
    }

    @PostMapping
    @Operation(summary = "Add a contact person", description = "The personId is generated (the same for a retry"
            + " under the same Idempotency-Key). The details are stored only encrypted with the person's own key.")
    ResponseEntity<ContactResponse> add(@PathVariable String id, @RequestBody ContactRequest request) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        PersonId personId = PersonId.of(commands.newId("person"));
        ContactDetails details = details(violations, request);
        violations.throwIfAny();
        commands.send(new AddContactPerson(buendnisId, personId, details, Boolean.TRUE.equals(request.primary())));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ContactResponse(id, personId.value()));
    }

    @PutMapping("/{personId}")
    @Operation(summary = "Replace a contact person's details")
    ContactResponse change(@PathVariable String id, @PathVariable String personId,
                           @RequestBody ContactRequest request) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        PersonId person = violations.take(() -> PersonId.of(personId));
        ContactDetails details = details(violations, request);
        violations.throwIfAny();
        commands.send(new ChangeContactPerson(buendnisId, person, details, Boolean.TRUE.equals(request.primary())));
        return new ContactResponse(id, personId);
    }

    @DeleteMapping("/{personId}")
    @Operation(summary = "Remove a contact person", description = "The details stay in the history until erased.")
    ContactResponse remove(@PathVariable String id, @PathVariable String personId) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        PersonId person = violations.take(() -> PersonId.of(personId));
        violations.throwIfAny();
        commands.send(new RemoveContactPerson(buendnisId, person));
        return new ContactResponse(id, personId);
    }

    @PostMapping("/{personId}/erasure")
    @Operation(summary = "Erase a person's data (Art. 17 GDPR)", description = "Deletes the person's key: every"
            + " recorded copy of the details becomes unreadable and is shown as 'gelöscht'. Erasing again changes"
            + " nothing.")
    ContactResponse erase(@PathVariable String id, @PathVariable String personId,
                          @RequestBody ErasureRequest request) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        PersonId person = violations.take(() -> PersonId.of(personId));
        ErasureBasis basis = violations.enumValue("legalBasis", request.legalBasis(), ErasureBasis.class);
        violations.throwIfAny();
        ErasePersonalData command = violations.take(() -> new ErasePersonalData(buendnisId, person, basis,
                request.reason()));
        violations.throwIfAny();
        commands.send(command);
        return new ContactResponse(id, personId);
    }

    private static ContactDetails details(RequestViolations violations, ContactRequest request) {
        violations.required("name", request.name());
        ContactFunction function = violations.enumValue("function", request.function(), ContactFunction.class);
        Engagement engagement = violations.enumValue("engagement", request.engagement(), Engagement.class);
        if (violations.any()) {
            return null;
        }
        // the cross-field rule (an e-mail address or a phone number) needs every field parsed
        return violations.take(() -> new ContactDetails(request.name(), function, engagement, request.email(),
                request.phone(), request.language()));
    }
}
