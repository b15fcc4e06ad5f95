package de.lokalebuendnisse.query.directory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.eligibility.InviteeContact;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import de.lokalebuendnisse.platform.personal.ContactDisplay;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The primary contact person of alliances, opened from the directory's sealed documents at read time through the one
 * {@link PersonalDataCipher}: the clear text lives only in the answer, never in a projection. A contact whose key is
 * already gone shows the placeholder in every field.
 */
@Component
public class PrimaryContacts {

    private final MongoCollection<Document> directory;
    private final PersonalDataCipher cipher;

    public PrimaryContacts(MongoDatabase queryDatabase, PersonalDataCipher cipher) {
        this.directory = queryDatabase.getCollection(DirectoryProjection.COLLECTION);
        this.cipher = cipher;
    }

    /** Per alliance id the opened primary contact; an alliance without one is not in the map. */
    public Map<BuendnisId, InviteeContact> of(Collection<BuendnisId> alliances) {
        Map<BuendnisId, InviteeContact> found = new HashMap<>();
        if (alliances.isEmpty()) {
            return found;
        }
        for (Document document : directory.find(Filters.in("_id", alliances.stream().map(BuendnisId::value).toList()))
                .projection(new Document(DirectoryProjection.CONTACTS, 1))) {
            Document contacts = document.get(DirectoryProjection.CONTACTS, Document.class);
            if (contacts == null) {
                continue;
            }
            // the person with the lowest id wins should two ever be marked primary: the same answer every time
            contacts.entrySet().stream()
                    .filter(e -> ((Document) e.getValue()).getBoolean("primary", false))
                    .min(Map.Entry.comparingByKey())
                    .ifPresent(e -> {
                        Document sealed = (Document) e.getValue();
                        ContactDisplay shown = cipher.display(PersonId.of(e.getKey()), new SealedPersonalData(
                                sealed.getString("algorithm"), sealed.getString("iv"), sealed.getString("ciphertext")));
                        found.put(BuendnisId.of(document.getString("_id")), new InviteeContact(shown.name(),
                                shown.email(), shown.phone(), shown.language(), shown.erased()));
                    });
        }
        return found;
    }
}
