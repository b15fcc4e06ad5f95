package de.lokalebuendnisse.identity.issuer.init;

import de.lokalebuendnisse.identity.issuer.IdentityIssuerApplication;
import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;
import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar identity-issuer-…-exec.jar init [--renew=<client> | --renew-all] [--lbf.data-dir=…]}: creates
 * what is missing, prints new secrets to the terminal and exits, without starting the server (so a first start's
 * secrets are shown in the foreground, not in the server's log).
 * <p>
 * Settings are read the way the server reads them (its config file, environment, {@code --key=value}) by a small
 * context without a web server.
 */
public final class InitCommand {

    public static final String NAME = "init";
    static final int OK = 0;
    static final int USAGE = 2;

    private InitCommand() {
    }

    public static boolean isRequested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** @return the process's exit code */
    public static int run(String[] args, PrintStream out) {
        try (ConfigurableApplicationContext settings = IdentityIssuerApplication.builder(Settings.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=warn")
                .run(args)) {
            return run(settings.getBean(IssuerProperties.class), settings.getEnvironment(), out);
        }
    }

    private static int run(IssuerProperties properties, Environment arguments, PrintStream out) {
        IssuerInitialization initialization = new IssuerInitialization(properties.dataDir());
        String issuerUrl = properties.issuer().urlForCurl();
        Map<EmbeddedClient, String> shown = new LinkedHashMap<>(initialization.createMissing());

        Optional<String> renew = Optional.ofNullable(arguments.getProperty("renew")).filter(id -> !id.isBlank());
        if (arguments.containsProperty("renew-all")) {
            for (EmbeddedClient client : EmbeddedClient.values()) {
                shown.put(client, initialization.renew(client));
            }
        } else if (renew.isPresent()) {
            Optional<EmbeddedClient> client = EmbeddedClient.byClientId(renew.get());
            if (client.isEmpty()) {
                out.println("Unknown client '" + renew.get() + "'; the clients are " + CredentialsReport.clientIds()
                        + ".");
                return USAGE;
            }
            shown.put(client.get(), initialization.renew(client.get()));
        }

        if (shown.isEmpty()) {
            CredentialsReport.printAlreadyShown(initialization.secretsFile(), out);
        } else {
            CredentialsReport.printNew(shown, issuerUrl, initialization.secretsFile(), out);
        }
        return OK;
    }

    /** The init command's whole context: the issuer's settings, nothing else. */
    @EnableConfigurationProperties(IssuerProperties.class)
    static class Settings {
    }
}
