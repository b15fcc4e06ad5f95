package de.lokalebuendnisse.kernel.directory;

import java.util.Map;

/**
 * Counts of the registered alliances.
 *
 * @param perBundesland every Land by ISO code, also those with none
 * @param perStatus     ACTIVE, PAUSED, DISSOLVED
 * @param perSealPeriod holders of each period's seal (granted, not revoked)
 */
public record DirectoryStats(long total, Map<String, Long> perBundesland, Map<String, Long> perStatus,
                             Map<String, Long> perSealPeriod) {
}
