package de.lokalebuendnisse.query.directory;

import de.lokalebuendnisse.platform.personal.InMemoryPersonKeys;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.directory.DirectoryContact;
import de.lokalebuendnisse.kernel.directory.DirectoryEntry;
import de.lokalebuendnisse.kernel.directory.DirectoryPage;
import de.lokalebuendnisse.kernel.directory.FindDirectoryEntriesQuery;
import de.lokalebuendnisse.kernel.directory.FindDirectoryEntryQuery;
import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.ContactFunction;
import de.lokalebuendnisse.kernel.person.Engagement;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's contact persons: stored sealed, opened at read time through the cipher, with the key present
 * the details, with the key deleted the placeholder; removal and erasure drop the contact.
 */
class DirectoryContactsTest {

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final PersonId ANNA = PersonId.of("anna-1");
    private static final PersonId BERT = PersonId.of("bert-2");
    private static final ContactDetails ANNA_DETAILS = new ContactDetails("Anna Kanarienvogel",
            ContactFunction.KOORDINATION, Engagement.VOLUNTEER, "anna@kanarienvogel.example", "0221 1234567", null);
    private static final ContactDetails BERT_DETAILS = new ContactDetails("Bert Stieglitz",
            ContactFunction.STELLVERTRETUNG, Engagement.PROFESSIONAL, null, "02381 17-0", "en");

    private ProjectionHarness harness;
    private InMemoryPersonKeys keys;
    private PersonalDataCipher cipher;
    private DirectoryQueryHandler queries;

    @BeforeEach
    void harness() {
        harness = new ProjectionHarness();
        harness.project(new DirectoryProjection(harness.database()));
        keys = new InMemoryPersonKeys();
        cipher = new PersonalDataCipher(keys);
        queries = new DirectoryQueryHandler(harness.database(), cipher);
        harness.publish("buendnis:hamm", new BuendnisRegistered(HAMM, DirectoryProjectionTest.profile(
                "Familienbündnis Hamm", "05915000", Bundesland.NW, "Hamm", OrganisationForm.WORKING_GROUP,
                FutureTopic.CHILD_CARE)));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void withTheKeyTheAnswerOpensTheDetailsPrimaryFirst() {
        add(BERT, BERT_DETAILS, false);
        add(ANNA, ANNA_DETAILS, true);

        DirectoryEntry entry = entry();
        assertThat(entry.contactCount()).isEqualTo(2);
        assertThat(entry.contacts()).extracting(DirectoryContact::personId).containsExactly("anna-1", "bert-2");
        assertThat(entry.contacts().get(0)).isEqualTo(new DirectoryContact("anna-1", true, "Anna Kanarienvogel",
                "KOORDINATION", "Koordination", "VOLUNTEER", "ehrenamtlich", "anna@kanarienvogel.example",
                "0221 1234567", "de", false));
        assertThat(entry.contacts().get(1).email()).isNull();
        assertThat(entry.contacts().get(1).language()).isEqualTo("en");
    }

    @Test
    void theStoredDocumentHoldsTheSealedDetailsAndNoPlaintext() {
        add(ANNA, ANNA_DETAILS, true);

        String stored = documents().toString();
        assertThat(stored).contains("AES-256-GCM", "anna-1")
                .doesNotContain("Kanarienvogel", "Anna", "1234567", "KOORDINATION", "VOLUNTEER");
    }

    @Test
    void withTheKeyDeletedEveryPersonalFieldShowsThePlaceholder() {
        add(ANNA, ANNA_DETAILS, true);
        keys.delete(ANNA);

        DirectoryContact shown = entry().contacts().get(0);
        assertThat(shown).isEqualTo(new DirectoryContact("anna-1", true, "gelöscht", null, "gelöscht", null,
                "gelöscht", "gelöscht", "gelöscht", null, true));
    }

    @Test
    void aChangeReplacesTheDetailsAndTheFlag() {
        add(ANNA, ANNA_DETAILS, true);
        ContactDetails moved = new ContactDetails("Anna Kanarienvogel", ContactFunction.SPRECHERIN,
                Engagement.PROFESSIONAL, "anna@neu.example", null, null);
        harness.publish("buendnis:hamm", new ContactPersonChanged(HAMM, ANNA, cipher.seal(ANNA, moved), false));

        DirectoryContact shown = entry().contacts().get(0);
        assertThat(shown.primary()).isFalse();
        assertThat(shown.function()).isEqualTo("SPRECHERIN");
        assertThat(shown.email()).isEqualTo("anna@neu.example");
        assertThat(shown.phone()).isNull();
        assertThat(entry().contactCount()).isEqualTo(1);
    }

    @Test
    void removalAndErasureDropTheContactWithItsSealedData() {
        add(ANNA, ANNA_DETAILS, true);
        add(BERT, BERT_DETAILS, false);
        harness.publish("buendnis:hamm", new ContactPersonRemoved(HAMM, BERT));
        harness.publish("buendnis:hamm", new PersonalDataErased(HAMM, ANNA, "ART_17_1_A", null));

        assertThat(entry().contacts()).isEmpty();
        assertThat(entry().contactCount()).isZero();
        assertThat(documents().toString()).doesNotContain("anna-1", "bert-2", "ciphertext");
    }

    @Test
    void aListShowsTheCountButNoContacts() {
        add(ANNA, ANNA_DETAILS, true);

        DirectoryPage page = queries.find(new FindDirectoryEntriesQuery(null, null, null, null, null, null, null,
                false, 0, 20));
        assertThat(page.entries()).singleElement().satisfies(listed -> {
            assertThat(listed.contactCount()).isEqualTo(1);
            assertThat(listed.contacts()).isNull();
        });
    }

    @Test
    void withoutBeingAskedForTheAnswerCarriesTheCountAndNoContacts() {
        add(ANNA, ANNA_DETAILS, true);

        DirectoryEntry entry = queries.find(new FindDirectoryEntryQuery(HAMM));
        assertThat(entry.contactCount()).isEqualTo(1);
        assertThat(entry.contacts()).isNull();
    }

    @Test
    void redeliveringTheContactEventsChangesNothing() {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(add(ANNA, ANNA_DETAILS, true));
        events.add(add(BERT, BERT_DETAILS, false));
        events.add(harness.publish("buendnis:hamm", new ContactPersonChanged(HAMM, BERT,
                cipher.seal(BERT, BERT_DETAILS), false)));
        events.add(harness.publish("buendnis:hamm", new ContactPersonRemoved(HAMM, BERT)));
        List<Document> before = documents();

        events.forEach(harness::redeliver);

        assertThat(documents()).isEqualTo(before);
        assertThat(entry().contactCount()).isEqualTo(1);
    }

    private EventMessage<?> add(PersonId personId, ContactDetails details, boolean primary) {
        return harness.publish("buendnis:hamm", new ContactPersonAdded(HAMM, personId, cipher.seal(personId, details),
                primary));
    }

    private DirectoryEntry entry() {
        DirectoryEntry entry = queries.find(new FindDirectoryEntryQuery(HAMM, true));
        assertThat(entry).isNotNull();
        return entry;
    }

    private List<Document> documents() {
        return harness.database().getCollection(DirectoryProjection.COLLECTION).find().into(new ArrayList<>());
    }
}
