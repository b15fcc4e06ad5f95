package de.lokalebuendnisse.identity.issuer.clients;

import com.nimbusds.jose.util.JSONObjectUtils;
import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default stands in for Keycloak: its clients' roles and its token lifetime are those of the production
 * realm (identity/keycloak/lbf-realm.json), so a service behaves the same under both.
 */
class RealmAgreementTest {

    private static Map<String, Object> realm;

    @BeforeAll
    static void readRealm() throws Exception {
        realm = JSONObjectUtils.parse(Files.readString(Path.of(System.getProperty("lbf.realm-file"))));
    }

    @Test
    void every_role_is_a_realm_role() throws Exception {
        List<String> realmRoles = Arrays.stream(JSONObjectUtils.getJSONObjectArray(
                JSONObjectUtils.getJSONObject(realm, "roles"), "realm")).map(role -> (String) role.get("name")).toList();

        assertThat(Arrays.stream(EmbeddedClient.values()).map(EmbeddedClient::role)).allMatch(realmRoles::contains);
    }

    @Test
    void every_service_account_of_the_realm_is_here_with_its_roles() throws Exception {
        List<Map<String, Object>> serviceAccounts = Arrays.stream(JSONObjectUtils.getJSONObjectArray(realm, "users"))
                .filter(user -> user.get("serviceAccountClientId") != null).toList();
        assertThat(serviceAccounts).isNotEmpty();

        for (Map<String, Object> account : serviceAccounts) {
            String clientId = (String) account.get("serviceAccountClientId");
            assertThat(EmbeddedClient.byClientId(clientId)).as(clientId).isPresent();
            assertThat(JSONObjectUtils.getStringList(account, "realmRoles")).as(clientId)
                    .containsExactly(EmbeddedClient.byClientId(clientId).orElseThrow().role());
        }
    }

    @Test
    void the_default_token_lifetime_is_the_realms() throws Exception {
        Duration realmLifetime = Duration.ofSeconds(JSONObjectUtils.getLong(realm, "accessTokenLifespan"));
        // the issuer's settings file as it ships, bound as at startup
        Binder shipped = new Binder(ConfigurationPropertySources.from(
                new YamlPropertySourceLoader().load("identity-issuer", new ClassPathResource("identity-issuer.yml"))));
        IssuerProperties defaults = shipped.bindOrCreate("lbf", IssuerProperties.class);

        assertThat(defaults.issuer().accessTokenLifetime()).isEqualTo(realmLifetime);
        assertThat(defaults.issuer().audience()).isEqualTo("lbf-api");
    }
}
