package de.lokalebuendnisse.identity.issuer;

import de.lokalebuendnisse.identity.issuer.config.IssuerInfrastructure;
import de.lokalebuendnisse.identity.issuer.init.InitCommand;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The embedded default's OAuth2/OIDC token issuer (client credentials only); production uses Keycloak. With the
 * first argument {@code init} it only prepares its folder and prints new secrets ({@link InitCommand}).
 */
@SpringBootConfiguration
@ComponentScan
@ConfigurationPropertiesScan
// its auto-configurations by name, not all of the class path's (IssuerInfrastructure says why)
@Import(IssuerInfrastructure.class)
public class IdentityIssuerApplication {

    /**
     * Its settings file is {@code identity-issuer.yml}, not {@code application.yml}, so it keeps its own settings
     * when tests start it in the JVM of a service that has an application.yml of its own.
     */
    public static final String CONFIG_NAME = "identity-issuer";

    public static void main(String[] args) {
        if (InitCommand.isRequested(args)) {
            System.exit(InitCommand.run(args, System.out));
        }
        builder(IdentityIssuerApplication.class).run(args);
    }

    public static SpringApplicationBuilder builder(Class<?> source) {
        return new SpringApplicationBuilder(source).properties("spring.config.name=" + CONFIG_NAME);
    }
}
