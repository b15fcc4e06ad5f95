package de.lokalebuendnisse.audit.service.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one auditor command: {@code --name=value} for the named values, {@code --name} for the flags.
 * Anything else, or an option given twice, is a usage error: an auditor's typo must not silently change the answer.
 */
public final class CommandOptions {

    private final Map<String, String> values;
    private final Set<String> flags;

    private CommandOptions(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /** @throws UsageException naming the first option that is unknown, malformed or repeated */
    public static CommandOptions parse(List<String> options, Set<String> valueNames, Set<String> flagNames)
            throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (String option : options) {
            if (!option.startsWith("--") || option.length() == 2) {
                throw new UsageException("unexpected argument '" + option + "'; " + known(valueNames, flagNames));
            }
            int equals = option.indexOf('=');
            String name = equals < 0 ? option.substring(2) : option.substring(2, equals);
            if (equals < 0 && flagNames.contains(name)) {
                if (!flags.add(name)) {
                    throw new UsageException("--" + name + " is given twice");
                }
            } else if (equals >= 0 && valueNames.contains(name)) {
                if (values.putIfAbsent(name, option.substring(equals + 1)) != null) {
                    throw new UsageException("--" + name + " is given twice");
                }
            } else if (valueNames.contains(name)) {
                throw new UsageException("--" + name + " needs a value: --" + name + "=…");
            } else if (flagNames.contains(name)) {
                throw new UsageException("--" + name + " takes no value");
            } else {
                throw new UsageException("unknown option --" + name + "; " + known(valueNames, flagNames));
            }
        }
        return new CommandOptions(values, flags);
    }

    /** The value given, or null when the option is absent. */
    public String value(String name) {
        return values.get(name);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    private static String known(Set<String> valueNames, Set<String> flagNames) {
        Set<String> all = new TreeSet<>();
        valueNames.forEach(name -> all.add("--" + name + "=…"));
        flagNames.forEach(name -> all.add("--" + name));
        return "known are " + String.join(", ", all);
    }

    /** The command was called wrongly; the command line answers with exit code 2. */
    public static final class UsageException extends Exception {

        public UsageException(String message) {
            super(message);
        }
    }
}
