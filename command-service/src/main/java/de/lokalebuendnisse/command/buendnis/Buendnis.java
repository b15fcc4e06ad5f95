package de.lokalebuendnisse.command.buendnis;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.kernel.buendnis.AddPartner;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.DissolveBuendnis;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerRemoved;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.buendnis.PauseBuendnis;
import de.lokalebuendnisse.kernel.buendnis.RegisterBuendnis;
import de.lokalebuendnisse.kernel.buendnis.RemovePartner;
import de.lokalebuendnisse.kernel.buendnis.ResumeBuendnis;
import de.lokalebuendnisse.kernel.buendnis.UpdateBuendnisProfile;
import de.lokalebuendnisse.kernel.fold.AllianceStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A local alliance for families. Registration with an identifier already taken is refused by the event store
 * (a second stream start); a dissolved alliance takes no further change.
 */
@Aggregate
public class Buendnis {

    @AggregateIdentifier
    private BuendnisId id;
    private BuendnisProfile profile;
    private BuendnisStatus status;
    private final Map<PartnerId, Partner> partners = new HashMap<>();
    private final Set<PartnerId> removedPartners = new HashSet<>();

    private record Partner(String name, PartnerType type) {
    }

    protected Buendnis() {
        // for Axon
    }

    @CommandHandler
    public Buendnis(RegisterBuendnis command) {
        apply(new BuendnisRegistered(command.buendnisId(), command.profile()));
    }

    @CommandHandler
    public void handle(UpdateBuendnisProfile command) {
        refuseWhenDissolved("update the profile");
        List<String> changed = changedFields(profile, command.profile());
        if (!changed.isEmpty()) {
            apply(new BuendnisProfileUpdated(id, command.profile(), profile, changed));
        }
    }

    @CommandHandler
    public void handle(AddPartner command) {
        refuseWhenDissolved("add a partner");
        Partner known = partners.get(command.partnerId());
        Partner requested = new Partner(command.name(), command.type());
        if (known == null) {
            apply(new PartnerAdded(id, command.partnerId(), command.name(), command.type()));
        } else if (!known.equals(requested)) {
            throw CommandRefusedException.conflict("partnerId", "partner-id-unique",
                    "partner " + command.partnerId() + " is already recorded as '" + known.name() + "' ("
                            + known.type() + ")");
        }
        // the same partner again: a retry, nothing to record
    }

    @CommandHandler
    public void handle(RemovePartner command) {
        refuseWhenDissolved("remove a partner");
        Partner known = partners.get(command.partnerId());
        if (known == null && removedPartners.contains(command.partnerId())) {
            return; // removed already: a retry
        }
        if (known == null) {
            throw CommandRefusedException.notFound("partnerId", "partner-known",
                    "the alliance has no partner " + command.partnerId());
        }
        apply(new PartnerRemoved(id, command.partnerId(), known.name(), known.type()));
    }

    @CommandHandler
    public void handle(PauseBuendnis command) {
        refuseWhenDissolved("pause");
        if (status == BuendnisStatus.ACTIVE) {
            apply(new BuendnisPaused(id, command.reason()));
        }
    }

    @CommandHandler
    public void handle(ResumeBuendnis command) {
        refuseWhenDissolved("resume");
        if (status == BuendnisStatus.PAUSED) {
            apply(new BuendnisResumed(id));
        }
    }

    @CommandHandler
    public void handle(DissolveBuendnis command) {
        if (status != BuendnisStatus.DISSOLVED) {
            apply(new BuendnisDissolved(id, command.dissolvedOn(), command.reason(), status));
        }
    }

    private void refuseWhenDissolved(String action) {
        if (status == BuendnisStatus.DISSOLVED) {
            throw CommandRefusedException.ruleViolated("buendnisId", "dissolved-is-final",
                    "the alliance is dissolved and cannot " + action);
        }
    }

    private static List<String> changedFields(BuendnisProfile before, BuendnisProfile after) {
        List<String> changed = new ArrayList<>();
        compare(changed, "name", before.name(), after.name());
        compare(changed, "municipalityKey", before.municipalityKey(), after.municipalityKey());
        compare(changed, "place", before.place(), after.place());
        compare(changed, "bundesland", before.bundesland(), after.bundesland());
        compare(changed, "organisationForm", before.organisationForm(), after.organisationForm());
        compare(changed, "foundedOn", before.foundedOn(), after.foundedOn());
        compare(changed, "website", before.website(), after.website());
        compare(changed, "fieldsOfAction", before.fieldsOfAction(), after.fieldsOfAction());
        compare(changed, "futureTopics", before.futureTopics(), after.futureTopics());
        return changed;
    }

    private static void compare(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    @EventSourcingHandler
    void on(BuendnisRegistered event) {
        id = event.buendnisId();
        profile = event.profile();
        evolveStatus(event);
    }

    @EventSourcingHandler
    void on(BuendnisProfileUpdated event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(PartnerAdded event) {
        partners.put(event.partnerId(), new Partner(event.name(), event.type()));
        removedPartners.remove(event.partnerId());
    }

    @EventSourcingHandler
    void on(PartnerRemoved event) {
        partners.remove(event.partnerId());
        removedPartners.add(event.partnerId());
    }

    /** Pause, resumption, dissolution: Axon calls only the most specific handler, so the registration's calls too. */
    @EventSourcingHandler
    void on(BuendnisEvent event) {
        evolveStatus(event);
    }

    /** The status as the kernel's fold of an alliance's stream ({@link AllianceStatus}) has it. */
    private void evolveStatus(BuendnisEvent event) {
        status = new AllianceStatus(status).evolve(event).status();
    }
}
