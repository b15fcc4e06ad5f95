package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.audit.SealAuditChainOfYear;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Seals an ended year on request: computes the chain head from the stored events and has the ledger record it. A
 * command of its own, so that the web layer only sends commands and never reads the store.
 */
@Component
public class YearSealing {

    private final AuditChainSeals seals;
    private final CommandGateway commands;
    private final Clock clock = Clock.systemUTC();

    public YearSealing(AuditChainSeals seals, CommandGateway commands) {
        this.seals = seals;
        this.commands = commands;
    }

    /** Answers the seal the ledger holds; the ledger refuses one that differs, so a retry answers the same. */
    @CommandHandler
    public SealAuditChain handle(SealAuditChainOfYear command) {
        SealAuditChain seal = seals.ofYear(command.year(), clock.instant());
        commands.sendAndWait(seal);
        return seal;
    }
}
