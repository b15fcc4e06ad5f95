package de.lokalebuendnisse.query.directory;

import de.lokalebuendnisse.platform.personal.InMemoryPersonKeys;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.eligibility.InviteeContact;
import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.ContactFunction;
import de.lokalebuendnisse.kernel.person.Engagement;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The primary contacts of the invitation list: opened from the directory's sealed documents, the erased as such. */
class PrimaryContactsTest {

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final BuendnisId BREMEN = BuendnisId.of("bremen");
    private static final BuendnisId KOELN = BuendnisId.of("koeln");
    private static final PersonId ANNA = PersonId.of("anna-1");
    private static final PersonId BERT = PersonId.of("bert-2");
    private static final PersonId CARL = PersonId.of("carl-3");

    private ProjectionHarness harness;
    private InMemoryPersonKeys keys;
    private PersonalDataCipher cipher;

    @BeforeEach
    void harness() {
        harness = new ProjectionHarness();
        harness.project(new DirectoryProjection(harness.database()));
        keys = new InMemoryPersonKeys();
        cipher = new PersonalDataCipher(keys);
        register(HAMM, "05915000", Bundesland.NW);
        register(BREMEN, "04011000", Bundesland.HB);
        register(KOELN, "05315000", Bundesland.NW);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void opensThePrimaryContactOnlyAndLeavesOutAlliancesWithoutOne() {
        add(HAMM, BERT, details("Bert Stieglitz", "bert@hamm.example"), false);
        add(HAMM, ANNA, details("Anna Kanarienvogel", "anna@hamm.example"), true);
        add(KOELN, CARL, details("Carl Amsel", "carl@koeln.example"), false);

        var found = new PrimaryContacts(harness.database(), cipher).of(List.of(HAMM, BREMEN, KOELN));

        assertThat(found).containsOnlyKeys(HAMM);
        assertThat(found.get(HAMM)).isEqualTo(new InviteeContact("Anna Kanarienvogel", "anna@hamm.example",
                "0221 1234567", "de", false));
        assertThat(found.get(HAMM).toString()).doesNotContain("Anna", "anna@");
    }

    @Test
    void anErasedPrimaryContactShowsThePlaceholder() {
        add(HAMM, ANNA, details("Anna Kanarienvogel", "anna@hamm.example"), true);
        keys.delete(ANNA);

        assertThat(new PrimaryContacts(harness.database(), cipher).of(List.of(HAMM)).get(HAMM))
                .isEqualTo(new InviteeContact("gelöscht", "gelöscht", "gelöscht", null, true));
    }

    private static ContactDetails details(String name, String email) {
        return new ContactDetails(name, ContactFunction.KOORDINATION, Engagement.VOLUNTEER, email, "0221 1234567",
                null);
    }

    private void add(BuendnisId alliance, PersonId person, ContactDetails details, boolean primary) {
        harness.publish("buendnis:" + alliance.value(), new ContactPersonAdded(alliance, person,
                cipher.seal(person, details), primary));
    }

    private void register(BuendnisId alliance, String ags, Bundesland land) {
        harness.publish("buendnis:" + alliance.value(), new BuendnisRegistered(alliance, DirectoryProjectionTest
                .profile("Bündnis " + alliance.value(), ags, land, "Ort", OrganisationForm.WORKING_GROUP,
                        FutureTopic.CHILD_CARE)));
    }
}
