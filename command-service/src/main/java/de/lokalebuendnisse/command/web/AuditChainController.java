package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.kernel.audit.AuditChainScope;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.audit.SealAuditChainOfYear;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import de.lokalebuendnisse.platform.http.OneOf;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


@RestController
@RequestMapping("/api/audit/chain")
@ProblemAnswers({409, 422, 503})
@Tag(name = "Audit chain", description = "Anchors of the tamper-evident hash chain over the stored events")
class AuditChainController {

    private final CommandDispatcher commands;

    AuditChainController(CommandDispatcher commands) {
        this.commands = commands;
    }

    record YearSealRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Integer year) {
    }

    /** What the ledger holds for the scope; a retry answers the same. */
    record ChainSealResponse(AuditChainScope scope, String label, String form, long lastPosition, String lastEventId,
                        long chainedEvents, String head) {

        static ChainSealResponse of(SealAuditChain seal) {
            return new ChainSealResponse(seal.scope(), seal.label(), seal.form(), seal.lastPosition(),
                    seal.lastEventId(), seal.chainedEvents(), seal.head());
        }
    }

    @PostMapping("/seals")
    @Operation(summary = "Seal an ended calendar year",
            description = "Computes the chain head up to the last event stamped in that year or before (Europe/Berlin)"
                    + " and records it in the event store. Refused while the year has not ended; a seal is never"
                    + " replaced, so a retry answers the same seal.")
    ResponseEntity<ChainSealResponse> sealYear(@RequestBody YearSealRequest request) {
        RequestViolations violations = new RequestViolations();
        Integer year = violations.required("year", request.year());
        if (year != null) {
            violations.take("year", () -> AuditChainScope.YEAR.checkedLabel(String.valueOf(year)));
        }
        violations.throwIfAny();
        // the ledger refuses a seal that differs from the recorded one, so the seal answered is the recorded one
        SealAuditChain seal = commands.sendForAnswer(new SealAuditChainOfYear(year));
        return ResponseEntity.status(HttpStatus.CREATED).body(ChainSealResponse.of(seal));
    }
}
