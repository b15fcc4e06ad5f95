package de.lokalebuendnisse.kernel.eligibility;

import java.util.Map;

/** How many alliances have each status; {@code total} is their sum. */
public record EligibilityCounts(int eligible, int missing, int granted, int revoked, int total) {

    public static EligibilityCounts of(Map<EligibilityStatus, Integer> perStatus) {
        int eligible = perStatus.getOrDefault(EligibilityStatus.ELIGIBLE, 0);
        int missing = perStatus.getOrDefault(EligibilityStatus.MISSING, 0);
        int granted = perStatus.getOrDefault(EligibilityStatus.GRANTED, 0);
        int revoked = perStatus.getOrDefault(EligibilityStatus.REVOKED, 0);
        return new EligibilityCounts(eligible, missing, granted, revoked, eligible + missing + granted + revoked);
    }
}
