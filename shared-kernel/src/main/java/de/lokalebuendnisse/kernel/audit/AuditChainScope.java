package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Require;

import java.util.regex.Pattern;

/** What a seal of the audit chain closes: an award period or a calendar year. */
public enum AuditChainScope {

    /** An award period, labelled like {@code 2024/25}; sealed when the period closes. */
    PERIOD,

    /** A calendar year in Europe/Berlin, labelled like {@code 2024}; sealed on request once it has ended. */
    YEAR;

    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");

    /** The label if it names a thing of this scope; otherwise an {@link InvalidValueException} on {@code label}. */
    public String checkedLabel(String label) {
        return switch (this) {
            case PERIOD -> {
                try {
                    yield AwardPeriod.of(label).label();
                } catch (InvalidValueException e) {
                    throw new InvalidValueException("label", e.rule(), e.detail());
                }
            }
            case YEAR -> {
                Require.matches(label, FOUR_DIGITS, "label", "year-label", "must be a year like 2024");
                if (Integer.parseInt(label) < AwardPeriod.FIRST_YEAR) {
                    throw new InvalidValueException("label", "not-before-2004", "the initiative started in 2004");
                }
                yield label;
            }
        };
    }
}
