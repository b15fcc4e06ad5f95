package de.lokalebuendnisse.audit.service.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One auditor command of {@code java -jar audit-service-…-exec.jar <name> [options]}. Implementations are
 * Spring beans; the command line finds them by {@link #name()}.
 */
public interface AuditCliCommand {

    /** The word after {@code audit}, e.g. {@code verify}. */
    String name();

    /** One line: the options and what the command does. */
    String usage();

    /**
     * Runs the command.
     *
     * @param options the command's own options ({@code --key=value} or bare words), without the Spring settings
     * @param out     where results and progress lines go
     * @return the process exit code: 0 success, 1 a finding (a broken chain, differences), 2 bad usage
     */
    int run(List<String> options, PrintStream out);
}
