package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.kernel.buendnis.AddPartner;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.DissolveBuendnis;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.buendnis.PauseBuendnis;
import de.lokalebuendnisse.kernel.buendnis.RegisterBuendnis;
import de.lokalebuendnisse.kernel.buendnis.RemovePartner;
import de.lokalebuendnisse.kernel.buendnis.ResumeBuendnis;
import de.lokalebuendnisse.kernel.buendnis.UpdateBuendnisProfile;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import de.lokalebuendnisse.platform.http.OneOf;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
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

import de.lokalebuendnisse.kernel.common.Require;

import java.net.URI;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

@RestController
@RequestMapping("/api/buendnisse")
@ProblemAnswers({409, 422, 503})
@Tag(name = "Bündnisse", description = "Register and maintain local alliances for families")
class BuendnisController {

    private final CommandDispatcher commands;

    BuendnisController(CommandDispatcher commands) {
        this.commands = commands;
    }

    /** The profile as sent over HTTP; everything optional here so that missing fields are reported together. */
    record ProfileRequest(@Schema(requiredMode = REQUIRED, maxLength = 200) String name,
                          @Schema(requiredMode = REQUIRED, pattern = "^\\d{8}$") String municipalityKey,
                          @Schema(requiredMode = REQUIRED, maxLength = 120) String place,
                          @Schema(requiredMode = REQUIRED) @OneOf(value = Bundesland.class, by = "isoCode") String bundesland,
                          @Schema(requiredMode = REQUIRED) @OneOf(OrganisationForm.class) String organisationForm,
                          @Schema(requiredMode = REQUIRED, format = "date") String foundedOn,
                          String website,
                          @Schema(requiredMode = REQUIRED) @OneOf(FieldOfAction.class) List<String> fieldsOfAction,
                          @OneOf(FutureTopic.class) List<String> futureTopics) {
    }

    record RegisterRequest(String id,
                           @Schema(requiredMode = REQUIRED, maxLength = 200) String name,
                           @Schema(requiredMode = REQUIRED, pattern = "^\\d{8}$") String municipalityKey,
                           @Schema(requiredMode = REQUIRED, maxLength = 120) String place,
                           @Schema(requiredMode = REQUIRED) @OneOf(value = Bundesland.class, by = "isoCode") String bundesland,
                           @Schema(requiredMode = REQUIRED) @OneOf(OrganisationForm.class) String organisationForm,
                           @Schema(requiredMode = REQUIRED, format = "date") String foundedOn,
                           String website,
                           @Schema(requiredMode = REQUIRED) @OneOf(FieldOfAction.class) List<String> fieldsOfAction,
                           @OneOf(FutureTopic.class) List<String> futureTopics) {

        ProfileRequest profile() {
            return new ProfileRequest(name, municipalityKey, place, bundesland, organisationForm, foundedOn, website,
                    fieldsOfAction, futureTopics);
        }
    }

    record PartnerRequest(String partnerId, @Schema(requiredMode = REQUIRED) String name,
                          @Schema(requiredMode = REQUIRED) @OneOf(PartnerType.class) String type) {
    }

    /** What every recorded reason must be (module shared-kernel, PersonalDataText). */
    static final String NO_PERSONAL_DATA = "Recorded in plain for auditors and the public history: must hold no personal data (no names, e-mail addresses or phone numbers); a recognisable one is refused with rule no-personal-data.";

    record PauseRequest(@Schema(description = NO_PERSONAL_DATA, maxLength = 500) String reason) {
    }

    record DissolveRequest(@Schema(requiredMode = REQUIRED, format = "date") String dissolvedOn,
                           @Schema(description = NO_PERSONAL_DATA, maxLength = 500) String reason) {
    }

    record BuendnisResponse(String buendnisId) {
    }

    record PartnerResponse(String buendnisId, String partnerId) {
    }

    @PostMapping
    @Operation(summary = "Register a Bündnis", description = "The body may carry the id; otherwise one is generated.")
    ResponseEntity<BuendnisResponse> register(@RequestBody RegisterRequest request) {
        RequestViolations violations = new RequestViolations();
        BuendnisId id = request.id() == null ? BuendnisId.of(commands.newId("buendnis")) : violations.take("id", () -> BuendnisId.of(request.id()));
        BuendnisProfile profile = profile(violations, request.profile());
        violations.throwIfAny();
        commands.send(new RegisterBuendnis(id, profile));
        return ResponseEntity.created(URI.create("/api/buendnisse/" + id.value())).body(new BuendnisResponse(id.value()));
    }

    @PutMapping("/{id}/profile")
    @ProblemAnswers(404)
    @Operation(summary = "Replace the profile of a Bündnis")
    BuendnisResponse updateProfile(@PathVariable String id, @RequestBody ProfileRequest request) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        BuendnisProfile profile = profile(violations, request);
        violations.throwIfAny();
        commands.send(new UpdateBuendnisProfile(buendnisId, profile));
        return new BuendnisResponse(id);
    }

    @PostMapping("/{id}/partners")
    @ProblemAnswers(404)
    @Operation(summary = "Add a partner organisation", description = "The body may carry the partnerId; otherwise one is generated.")
    ResponseEntity<PartnerResponse> addPartner(@PathVariable String id, @RequestBody PartnerRequest request) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        PartnerId partnerId = request.partnerId() == null ? PartnerId.of(commands.newId("partner"))
                : violations.take(() -> PartnerId.of(request.partnerId()));
        PartnerType type = violations.enumValue("type", request.type(), PartnerType.class);
        violations.required("name", request.name());
        violations.throwIfAny();
        AddPartner command = violations.take(() -> new AddPartner(buendnisId, partnerId, request.name(), type));
        violations.throwIfAny();
        commands.send(command);
        return ResponseEntity.status(HttpStatus.CREATED).body(new PartnerResponse(id, partnerId.value()));
    }

    @DeleteMapping("/{id}/partners/{partnerId}")
    @ProblemAnswers(404)
    @Operation(summary = "Remove a partner organisation")
    PartnerResponse removePartner(@PathVariable String id, @PathVariable String partnerId) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        PartnerId partner = violations.take(() -> PartnerId.of(partnerId));
        violations.throwIfAny();
        commands.send(new RemovePartner(buendnisId, partner));
        return new PartnerResponse(id, partnerId);
    }

    @PostMapping("/{id}/pause")
    @ProblemAnswers(404)
    @Operation(summary = "Pause a Bündnis: it takes part in nothing until resumed")
    BuendnisResponse pause(@PathVariable String id, @RequestBody(required = false) PauseRequest request) {
        BuendnisId buendnisId = idOf(id);
        commands.send(new PauseBuendnis(buendnisId, request == null ? null : request.reason()));
        return new BuendnisResponse(id);
    }

    @PostMapping("/{id}/resume")
    @ProblemAnswers(404)
    @Operation(summary = "Resume a paused Bündnis")
    BuendnisResponse resume(@PathVariable String id) {
        commands.send(new ResumeBuendnis(idOf(id)));
        return new BuendnisResponse(id);
    }

    @PostMapping("/{id}/dissolve")
    @ProblemAnswers(404)
    @Operation(summary = "Dissolve a Bündnis; final")
    BuendnisResponse dissolve(@PathVariable String id, @RequestBody DissolveRequest request) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        LocalDate dissolvedOn = violations.date("dissolvedOn", request.dissolvedOn());
        violations.throwIfAny();
        commands.send(new DissolveBuendnis(buendnisId, dissolvedOn, request.reason()));
        return new BuendnisResponse(id);
    }

    private static BuendnisId idOf(String id) {
        RequestViolations violations = new RequestViolations();
        BuendnisId buendnisId = violations.take("id", () -> BuendnisId.of(id));
        violations.throwIfAny();
        return buendnisId;
    }

    private static BuendnisProfile profile(RequestViolations violations, ProfileRequest request) {
        violations.take(() -> Require.text(request.name(), "name", 200));
        violations.take(() -> Require.text(request.place(), "place", 120));
        MunicipalityKey key = violations.take(() -> MunicipalityKey.of(request.municipalityKey()));
        Bundesland land = violations.take(() -> Bundesland.ofIsoCode(request.bundesland()));
        OrganisationForm form = violations.enumValue("organisationForm", request.organisationForm(), OrganisationForm.class);
        LocalDate foundedOn = violations.pastDate("foundedOn", request.foundedOn());
        violations.required("fieldsOfAction", request.fieldsOfAction());
        List<FieldOfAction> fields = violations.enumValues("fieldsOfAction", request.fieldsOfAction(), FieldOfAction.class);
        List<FutureTopic> topics = violations.enumValues("futureTopics", request.futureTopics(), FutureTopic.class);
        if (violations.any()) {
            return null;
        }
        // the profile's cross-field rules (municipality key in the Land, a web address) need every field parsed
        return violations.take(() -> new BuendnisProfile(request.name(), key, request.place(), land, form, foundedOn,
                request.website(), new HashSet<>(fields), new HashSet<>(topics)));
    }
}
