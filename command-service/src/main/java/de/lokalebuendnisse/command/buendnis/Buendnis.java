package de.lokalebuendnisse.command.buendnis;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.command.refusal.Rules;
import de.lokalebuendnisse.kernel.buendnis.AddContactPerson;
import de.lokalebuendnisse.kernel.buendnis.ChangeContactPerson;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.ErasePersonalData;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.buendnis.RemoveContactPerson;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.platform.personal.PersonKeys;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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

    /** Contact persons: ids and flags only; their details exist only sealed, in the events. */
    private final Map<PersonId, Boolean> contacts = new HashMap<>();
    private final Set<PersonId> removedContacts = new HashSet<>();
    private final Set<PersonId> erasedPersons = new HashSet<>();

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

    /**
     * Adds a contact person. The details are sealed here, through the one cipher, so that the plaintext never
     * reaches an event; the person's key is made on the way.
     */
    @CommandHandler
    public void handle(AddContactPerson command, PersonalDataCipher cipher) {
        Rules rules = new Rules();
        checkNotDissolved(rules, "add a contact person");
        PersonId person = command.personId();
        rules.check(!contacts.containsKey(person) && !removedContacts.contains(person)
                        && !erasedPersons.contains(person), "personId", "person-new",
                "the alliance already has or had a contact person " + person);
        checkOnePrimary(rules, person, command.primary());
        rules.enforce();
        apply(new ContactPersonAdded(id, person, cipher.seal(person, command.details()), command.primary()));
    }

    /** Replaces a current contact person's details, sealed anew (a fresh IV, the same key). */
    @CommandHandler
    public void handle(ChangeContactPerson command, PersonalDataCipher cipher) {
        Rules rules = new Rules();
        checkNotDissolved(rules, "change a contact person");
        PersonId person = command.personId();
        // an erased person's key is gone; sealing would make a new one and bring the person back
        rules.check(contacts.containsKey(person), "personId", "person-known",
                "the alliance has no current contact person " + person
                        + (erasedPersons.contains(person) ? " (the person's data was erased)" : ""));
        checkOnePrimary(rules, person, command.primary());
        enforceKnowing(rules);
        apply(new ContactPersonChanged(id, person, cipher.seal(person, command.details()), command.primary()));
    }

    /** Ends a person's role as contact; the details stay readable for the history until they are erased. */
    @CommandHandler
    public void handle(RemoveContactPerson command) {
        PersonId person = command.personId();
        if (removedContacts.contains(person) || erasedPersons.contains(person)) {
            return; // no longer a contact: a retry
        }
        Rules rules = new Rules();
        rules.check(contacts.containsKey(person), "personId", "person-known",
                "the alliance has no contact person " + person);
        enforceKnowing(rules);
        apply(new ContactPersonRemoved(id, person));
    }

    /**
     * Erases a person's data (Art. 17 GDPR), also of a dissolved alliance and of a person no longer a contact: the
     * erasure is recorded, then the person's key is deleted, but only once the event is committed, so a failed
     * append leaves the data readable and the erasure can be sent again. Erasing again records nothing but deletes
     * the key again, which finishes an erasure whose key deletion failed after the commit.
     */
    @CommandHandler
    public void handle(ErasePersonalData command, PersonKeys keys) {
        PersonId person = command.personId();
        if (!erasedPersons.contains(person)) {
            Rules rules = new Rules();
            rules.check(contacts.containsKey(person) || removedContacts.contains(person), "personId",
                    "person-known", "the alliance never had a contact person " + person);
            enforceKnowing(rules);
            apply(new PersonalDataErased(id, person, command.legalBasis().name(), command.reason()));
        }
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> keys.delete(person));
    }

    private void checkNotDissolved(Rules rules, String action) {
        rules.check(status != BuendnisStatus.DISSOLVED, "buendnisId", "dissolved-is-final",
                "the alliance is dissolved and cannot " + action);
    }

    /**
     * Refused rather than demoting the other: the caller decides who is primary, and a command changes no person
     * it does not name.
     */
    private void checkOnePrimary(Rules rules, PersonId person, boolean primary) {
        contacts.entrySet().stream()
                .filter(contact -> primary && contact.getValue() && !contact.getKey().equals(person))
                .findFirst()
                .ifPresent(other -> rules.broken("primary", "one-primary",
                        "contact person " + other.getKey() + " is the primary contact; change it first"));
    }

    /** A refusal for an unknown person alone answers as not found; with other broken rules all are named. */
    private static void enforceKnowing(Rules rules) {
        try {
            rules.enforce();
        } catch (CommandRefusedException refused) {
            List<Refusal.Reason> reasons = refused.refusal().reasons();
            if (reasons.size() == 1 && reasons.get(0).rule().equals("person-known")) {
                throw CommandRefusedException.notFound("personId", "person-known", reasons.get(0).detail());
            }
            throw refused;
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

    @EventSourcingHandler
    void on(ContactPersonAdded event) {
        contacts.put(event.personId(), event.primary());
    }

    @EventSourcingHandler
    void on(ContactPersonChanged event) {
        contacts.put(event.personId(), event.primary());
    }

    @EventSourcingHandler
    void on(ContactPersonRemoved event) {
        contacts.remove(event.personId());
        removedContacts.add(event.personId());
    }

    /** An erased person is no contact any more either: nothing of them can be shown. */
    @EventSourcingHandler
    void on(PersonalDataErased event) {
        contacts.remove(event.personId());
        removedContacts.remove(event.personId());
        erasedPersons.add(event.personId());
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
