package de.lokalebuendnisse.platform.personal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.lokalebuendnisse.kernel.person.PersonId;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKey;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Both key stores keep a person's key until it is deleted, and across a re-open of their store. */
class PersonKeysTest {

    private static final PersonId ANNA = PersonId.of("anna");
    private static final PersonId BERT = PersonId.of("bert");

    /** What each store must do; {@link #reopened()} opens the same store anew. */
    abstract static class Contract {

        abstract PersonKeys store();

        abstract PersonKeys reopened();

        @Test
        void anUnknownPersonHasNoKey() {
            assertThat(store().find(ANNA)).isEmpty();
        }

        @Test
        void findOrCreateMakesOneAes256KeyAndThenReturnsIt() {
            SecretKey made = store().findOrCreate(ANNA);

            assertThat(made.getAlgorithm()).isEqualTo("AES");
            assertThat(made.getEncoded()).hasSize(32);
            assertThat(store().findOrCreate(ANNA).getEncoded()).isEqualTo(made.getEncoded());
            assertThat(store().find(ANNA)).map(SecretKey::getEncoded).contains(made.getEncoded());
            assertThat(store().findOrCreate(BERT).getEncoded()).isNotEqualTo(made.getEncoded());
        }

        @Test
        void aDeletedKeyIsGoneAndOnlyThatOne() {
            store().findOrCreate(ANNA);
            SecretKey bert = store().findOrCreate(BERT);

            store().delete(ANNA);

            assertThat(store().find(ANNA)).isEmpty();
            assertThat(store().find(BERT)).map(SecretKey::getEncoded).contains(bert.getEncoded());
        }

        @Test
        void deletingAnAbsentKeyDoesNothing() {
            store().delete(ANNA);
            store().delete(ANNA);

            assertThat(store().find(ANNA)).isEmpty();
        }

        @Test
        void keysAndDeletionsSurviveAReopen() {
            SecretKey anna = store().findOrCreate(ANNA);
            store().findOrCreate(BERT);
            store().delete(BERT);

            PersonKeys reopened = reopened();

            assertThat(reopened.find(ANNA)).map(SecretKey::getEncoded).contains(anna.getEncoded());
            assertThat(reopened.find(BERT)).isEmpty();
        }
    }

    @Nested
    class EmbeddedH2File extends Contract {

        @TempDir
        Path folder;
        private PersonKeys store;

        @Override
        PersonKeys store() {
            if (store == null) {
                store = open();
            }
            return store;
        }

        @Override
        PersonKeys reopened() {
            return open();
        }

        private PersonKeys open() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:file:" + folder.resolve("person-keys") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
            return new JdbcPersonKeys(dataSource);
        }
    }

    /** The production store on the in-process mongo-java-server, its data in an H2 file so a restart keeps it. */
    @Nested
    class MongoCollection extends Contract {

        @TempDir
        Path folder;
        private MongoServer server;
        private MongoClient client;
        private PersonKeys store;

        @Override
        PersonKeys store() {
            if (store == null) {
                store = open();
            }
            return store;
        }

        @Override
        PersonKeys reopened() {
            close();
            return open();
        }

        private PersonKeys open() {
            server = new MongoServer(new H2Backend(folder.resolve("keys.mv").toString()));
            server.bind("127.0.0.1", 0);
            client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
            return new MongoPersonKeys(client.getDatabase("lbf-keys"));
        }

        @AfterEach
        void close() {
            if (client != null) {
                client.close();
                server.shutdown();
                client = null;
            }
        }
    }
}
