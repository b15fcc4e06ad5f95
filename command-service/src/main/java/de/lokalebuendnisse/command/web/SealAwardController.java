package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.CloseAwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantSeal;
import de.lokalebuendnisse.kernel.seal.HoldAwardCeremony;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.seal.RecordInvitationsSent;
import de.lokalebuendnisse.kernel.seal.OpenAwardPeriod;
import de.lokalebuendnisse.kernel.seal.RecordWerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.RevokeSeal;
import de.lokalebuendnisse.kernel.seal.ScheduleWerkstatt;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import de.lokalebuendnisse.platform.http.OneOf;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

@RestController
@RequestMapping("/api/seal-awards")
@ProblemAnswers({409, 422, 503})
@Tag(name = "Seal awards", description = "Award periods of the seal \"Ausgezeichnetes Bündnis\"")
class SealAwardController {

    private final CommandDispatcher commands;

    SealAwardController(CommandDispatcher commands) {
        this.commands = commands;
    }

    record CeremonyRequest(@Schema(requiredMode = REQUIRED, format = "date") String date,
                           @Schema(requiredMode = REQUIRED, maxLength = 200) String place) {
    }

    record OpenAwardPeriodRequest(@Schema(requiredMode = REQUIRED, example = "2024/25") String period,
                                  @Schema(requiredMode = REQUIRED) Integer surveyYear,
                                  @Schema(requiredMode = REQUIRED, maxLength = 200) String sealName,
                                  @Schema(requiredMode = REQUIRED) CeremonyRequest ceremony,
                                  @Schema(requiredMode = REQUIRED) @OneOf(RenewalRule.class) String renewalRule) {
    }

    record WerkstattRequest(String werkstattId, @Schema(requiredMode = REQUIRED, maxLength = 200) String region,
                            @Schema(requiredMode = REQUIRED, maxLength = 200) String place,
                            @Schema(requiredMode = REQUIRED, format = "date") String date,
                            @Schema(requiredMode = REQUIRED) @OneOf(WerkstattFormat.class) String format) {
    }

    record AttendanceRequest(@Schema(requiredMode = REQUIRED) String werkstattId, @Schema(requiredMode = REQUIRED) String buendnisId,
                             @Schema(requiredMode = REQUIRED) @OneOf(AttendanceMode.class) String mode,
                             @Schema(description = "required when mode is REPRESENTATIVE") String representativeOrganisation) {
    }

    record GrantRequest(@Schema(requiredMode = REQUIRED) String buendnisId) {
    }

    record RevocationRequest(@Schema(requiredMode = REQUIRED) String buendnisId, @Schema(requiredMode = REQUIRED, maxLength = 1000,
            description = BuendnisController.NO_PERSONAL_DATA) String reason) {
    }

    record InvitationsRequest(@Schema(requiredMode = REQUIRED) List<String> buendnisIds,
                              @Schema(requiredMode = REQUIRED) List<String> werkstattIds,
                              @Schema(requiredMode = REQUIRED) @OneOf(InvitationChannel.class) String invitationChannel) {
    }

    /**
     * @param recorded        the alliances recorded now
     * @param alreadyRecorded the alliances asked for that were already recorded for these Werkstätten and channel
     */
    record InvitationsResponse(String period, List<String> recorded, List<String> alreadyRecorded) {
    }

    record PeriodResponse(String period) {
    }

    record WerkstattResponse(String period, String werkstattId) {
    }

    record AttendanceResponse(String period, String werkstattId, String buendnisId) {
    }

    record SealAwardResponse(String period, String buendnisId) {
    }

    record CeremonyResponse(String period, List<String> granted) {
    }

    @PostMapping
    @Operation(summary = "Open an award period", description = "period is the label, e.g. 2024/25; its URL id is 2024-25.")
    ResponseEntity<PeriodResponse> open(@RequestBody OpenAwardPeriodRequest request) {
        RequestViolations violations = new RequestViolations();
        AwardPeriod period = violations.take(() -> AwardPeriod.of(request.period()));
        CampaignYear surveyYear = violations.required("surveyYear", request.surveyYear()) == null ? null
                : violations.take("surveyYear", () -> CampaignYear.of(request.surveyYear()));
        AwardCeremony ceremony = null;
        if (violations.required("ceremony", request.ceremony()) != null) {
            LocalDate date = violations.date("ceremony.date", request.ceremony().date());
            if (date != null) {
                ceremony = violations.take(() -> new AwardCeremony(date, request.ceremony().place()));
            }
        }
        RenewalRule renewalRule = violations.enumValue("renewalRule", request.renewalRule(), RenewalRule.class);
        violations.throwIfAny();
        AwardCeremony awardCeremony = ceremony;
        OpenAwardPeriod command = violations.take(() -> new OpenAwardPeriod(period, surveyYear, request.sealName(),
                awardCeremony, renewalRule));
        violations.throwIfAny();
        commands.send(command);
        return ResponseEntity.created(URI.create("/api/seal-awards/" + period.id())).body(new PeriodResponse(period.id()));
    }

    @PostMapping("/{period}/werkstaetten")
    @ProblemAnswers(404)
    @Operation(summary = "Schedule a regional Zukunftswerkstatt", description = "The body may carry the werkstattId; otherwise one is generated.")
    ResponseEntity<WerkstattResponse> schedule(@PathVariable String period, @RequestBody WerkstattRequest request) {
        RequestViolations violations = new RequestViolations();
        AwardPeriod awardPeriod = violations.take(() -> AwardPeriod.fromId(period));
        WerkstattId werkstattId = request.werkstattId() == null ? WerkstattId.of(commands.newId("werkstatt"))
                : violations.take(() -> WerkstattId.of(request.werkstattId()));
        LocalDate date = violations.date("date", request.date());
        WerkstattFormat format = violations.enumValue("format", request.format(), WerkstattFormat.class);
        violations.throwIfAny();
        ScheduleWerkstatt command = violations.take(() -> new ScheduleWerkstatt(awardPeriod, werkstattId,
                request.region(), request.place(), date, format));
        violations.throwIfAny();
        commands.send(command);
        return ResponseEntity.status(HttpStatus.CREATED).body(new WerkstattResponse(period, werkstattId.value()));
    }

    @PostMapping("/{period}/attendances")
    @ProblemAnswers(404)
    @Operation(summary = "Record that an alliance attended a Werkstatt, itself or through a representative")
    ResponseEntity<AttendanceResponse> attend(@PathVariable String period, @RequestBody AttendanceRequest request) {
        RequestViolations violations = new RequestViolations();
        AwardPeriod awardPeriod = violations.take(() -> AwardPeriod.fromId(period));
        WerkstattId werkstattId = violations.take(() -> WerkstattId.of(request.werkstattId()));
        BuendnisId buendnisId = violations.take(() -> BuendnisId.of(request.buendnisId()));
        AttendanceMode mode = violations.enumValue("mode", request.mode(), AttendanceMode.class);
        violations.throwIfAny();
        RecordWerkstattAttendance command = violations.take(() -> new RecordWerkstattAttendance(awardPeriod,
                werkstattId, buendnisId, mode, request.representativeOrganisation()));
        violations.throwIfAny();
        commands.send(command);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new AttendanceResponse(period, werkstattId.value(), buendnisId.value()));
    }

    @PostMapping("/{period}/grants")
    @ProblemAnswers(404)
    @Operation(summary = "Grant the seal to one alliance", description = "Refused with every criterion that is missing.")
    ResponseEntity<SealAwardResponse> grant(@PathVariable String period, @RequestBody GrantRequest request) {
        RequestViolations violations = new RequestViolations();
        AwardPeriod awardPeriod = violations.take(() -> AwardPeriod.fromId(period));
        BuendnisId buendnisId = violations.take(() -> BuendnisId.of(request.buendnisId()));
        violations.throwIfAny();
        commands.send(new GrantSeal(awardPeriod, buendnisId));
        return ResponseEntity.status(HttpStatus.CREATED).body(new SealAwardResponse(period, buendnisId.value()));
    }

    @PostMapping("/{period}/ceremony")
    @ProblemAnswers(404)
    @Operation(summary = "Hold the award ceremony: grant the seal to every eligible alliance")
    CeremonyResponse ceremony(@PathVariable String period) {
        AwardPeriod awardPeriod = periodOf(period);
        List<BuendnisId> granted = commands.sendForAnswer(new HoldAwardCeremony(awardPeriod));
        return new CeremonyResponse(period, granted.stream().map(BuendnisId::value).toList());
    }

    @PostMapping("/{period}/revocations")
    @ProblemAnswers(404)
    @Operation(summary = "Revoke a seal with a reason; the grant stays in the history")
    SealAwardResponse revoke(@PathVariable String period, @RequestBody RevocationRequest request) {
        RequestViolations violations = new RequestViolations();
        AwardPeriod awardPeriod = violations.take(() -> AwardPeriod.fromId(period));
        BuendnisId buendnisId = violations.take(() -> BuendnisId.of(request.buendnisId()));
        violations.take(() -> Require.text(request.reason(), "reason", 1000));
        violations.throwIfAny();
        commands.send(new RevokeSeal(awardPeriod, buendnisId, request.reason()));
        return new SealAwardResponse(period, buendnisId.value());
    }

    @PostMapping("/{period}/invitations")
    @ProblemAnswers(404)
    @Operation(summary = "Record that invitations to Werkstätten went out",
            description = "Idempotent: alliances already recorded for the same Werkstätten and channel are left out; "
                    + "a repeat that adds nothing records nothing and answers 200 with an empty recorded list.")
    InvitationsResponse invitations(@PathVariable String period, @RequestBody InvitationsRequest request) {
        RequestViolations violations = new RequestViolations();
        AwardPeriod awardPeriod = violations.take(() -> AwardPeriod.fromId(period));
        List<BuendnisId> buendnisIds = violations.required("buendnisIds", request.buendnisIds()) == null ? null
                : request.buendnisIds().stream().map(id -> violations.take(() -> BuendnisId.of(id))).toList();
        List<WerkstattId> werkstattIds = violations.required("werkstattIds", request.werkstattIds()) == null ? null
                : request.werkstattIds().stream().map(id -> violations.take(() -> WerkstattId.of(id))).toList();
        InvitationChannel channel = violations.enumValue("invitationChannel", request.invitationChannel(),
                InvitationChannel.class);
        violations.throwIfAny();
        RecordInvitationsSent command = violations.take(() -> new RecordInvitationsSent(awardPeriod, buendnisIds,
                werkstattIds, channel));
        violations.throwIfAny();
        List<BuendnisId> recorded = commands.sendForAnswer(command);
        return new InvitationsResponse(period, recorded.stream().map(BuendnisId::value).toList(),
                command.buendnisIds().stream().filter(id -> !recorded.contains(id)).map(BuendnisId::value).toList());
    }

    @PostMapping("/{period}/close")
    @ProblemAnswers(404)
    @Operation(summary = "Close the award period")
    PeriodResponse close(@PathVariable String period) {
        commands.send(new CloseAwardPeriod(periodOf(period)));
        return new PeriodResponse(period);
    }

    private static AwardPeriod periodOf(String period) {
        RequestViolations violations = new RequestViolations();
        AwardPeriod awardPeriod = violations.take(() -> AwardPeriod.fromId(period));
        violations.throwIfAny();
        return awardPeriod;
    }
}
