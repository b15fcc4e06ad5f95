package de.lokalebuendnisse.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An award period such as {@code 2024/25}; in URLs written {@code 2024-25}. A seal of period {@code 2023/24} is
 * valid through 2024. {@link #toString()} is the SealAward aggregate identifier in the event store.
 */
public record AwardPeriod(@JsonValue String label) implements Comparable<AwardPeriod> {

    /** The initiative started in 2004. */
    public static final int FIRST_YEAR = 2004;

    private static final Pattern LABEL = Pattern.compile("(\\d{4})/(\\d{2})");
    private static final Pattern ID = Pattern.compile("(\\d{4})-(\\d{2})");

    public AwardPeriod {
        Matcher m = LABEL.matcher(Require.present(label, "period"));
        if (!m.matches()) {
            throw new InvalidValueException("period", "period-label", "must look like 2024/25");
        }
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(2));
        if ((first + 1) % 100 != second) {
            throw new InvalidValueException("period", "consecutive-years",
                    Excerpt.of(label) + " must name two consecutive years, e.g. " + first + "/"
                            + String.format("%02d", (first + 1) % 100));
        }
        if (first < FIRST_YEAR) {
            throw new InvalidValueException("period", "not-before-2004", "the initiative started in 2004");
        }
    }

    @JsonCreator
    public static AwardPeriod of(String label) {
        return new AwardPeriod(label);
    }

    /** Parses the URL form {@code 2024-25}. */
    public static AwardPeriod fromId(String id) {
        Matcher m = ID.matcher(Require.present(id, "period"));
        if (!m.matches()) {
            throw new InvalidValueException("period", "period-id", "must look like 2024-25");
        }
        return new AwardPeriod(m.group(1) + "/" + m.group(2));
    }

    public static AwardPeriod startingIn(int year) {
        return new AwardPeriod(year + "/" + String.format("%02d", (year + 1) % 100));
    }

    public int firstYear() {
        return Integer.parseInt(label.substring(0, 4));
    }

    /** The last calendar year in which a seal of this period is valid. */
    public int validThrough() {
        return firstYear() + 1;
    }

    public String id() {
        return label.replace('/', '-');
    }

    public AwardPeriod previous() {
        return startingIn(firstYear() - 1);
    }

    @Override
    public int compareTo(AwardPeriod other) {
        return label.compareTo(other.label);
    }

    @Override
    public String toString() {
        return "seal-award:" + label;
    }
}
