package de.lokalebuendnisse.audit.service.cli;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The auditors' command line: {@code java -jar audit-service/target/audit-service-0.1.0-SNAPSHOT-exec.jar
 * <command> [options]}. It starts the command line's own configuration (the readers and the commands, no web server,
 * no live projections), so it reads the event store on its own and can run beside the service.
 * Options starting with {@code --lbf.}, {@code --axon.}, {@code --spring.} or {@code --logging.} are settings (the
 * same as the service's, e.g. {@code --lbf.data-dir=…}); the rest belong to the command.
 * <p>
 * In the embedded default the service's own MongoDB stand-in file is in use while it runs, so the command line gets
 * a stand-in of its own ({@code ${lbf.data-dir}/audit-cli-mongo.mv}) unless {@code --lbf.mongo.uri} names a MongoDB.
 */
public final class AuditCommandLine {

    private AuditCommandLine() {
    }

    /**
     * @param application the command line's configuration, run here without web server (passed in, so that this
     *                    package does not depend on the class that composes it)
     */
    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        List<String> settings = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--lbf.") || arg.startsWith("--axon.") || arg.startsWith("--spring.")
                    || arg.startsWith("--logging.")) {
                settings.add(arg);
            } else {
                words.add(arg);
            }
        }
        if (settings.stream().noneMatch(setting -> setting.startsWith("--lbf.mongo.embedded-file="))) {
            // as an argument, not a default property: application.yml's own embedded-file would win over that
            settings.add("--lbf.mongo.embedded-file=${lbf.data-dir}/audit-cli-mongo.mv");
        }
        String name = words.isEmpty() ? "help" : words.get(0);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("spring.main.banner-mode=off",
                        "logging.level.root=WARN",
                        "logging.level.de.bwaldvogel=ERROR")
                .run(settings.toArray(String[]::new))) {
            List<AuditCliCommand> commands = new ArrayList<>(context.getBeansOfType(AuditCliCommand.class).values());
            commands.sort(Comparator.comparing(AuditCliCommand::name));
            if (name.equals("help") || name.equals("--help")) {
                return usage(commands, out, words.isEmpty() ? 2 : 0);
            }
            Optional<AuditCliCommand> command = commands.stream().filter(c -> c.name().equals(name)).findFirst();
            if (command.isEmpty()) {
                err.println("unknown audit command '" + name + "'");
                return usage(commands, err, 2);
            }
            return command.get().run(List.copyOf(words.subList(1, words.size())), out);
        }
    }

    private static int usage(List<AuditCliCommand> commands, PrintStream out, int exitCode) {
        out.println("usage: java -jar audit-service-0.1.0-SNAPSHOT-exec.jar <command> [options] [--lbf.…=…]");
        commands.forEach(c -> out.println("  " + c.name() + "  " + c.usage()));
        return exitCode;
    }
}
