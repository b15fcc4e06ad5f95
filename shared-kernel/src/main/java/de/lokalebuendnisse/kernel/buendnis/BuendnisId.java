package de.lokalebuendnisse.kernel.buendnis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import de.lokalebuendnisse.kernel.common.Require;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies a Bündnis. {@link #toString()} is the aggregate identifier in the event store; the prefix keeps
 * it apart from the identifiers of campaigns and award periods, which share one identifier space there.
 */
public record BuendnisId(@JsonValue String value) implements Comparable<BuendnisId> {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public BuendnisId {
        Require.matches(value, FORM, "buendnisId", "id-format",
                "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit");
    }

    @JsonCreator
    public static BuendnisId of(String value) {
        return new BuendnisId(value);
    }

    public static BuendnisId generate() {
        return new BuendnisId(UUID.randomUUID().toString());
    }

    @Override
    public int compareTo(BuendnisId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return "buendnis:" + value;
    }
}
