package de.lokalebuendnisse.kernel.directory;

/** Counts of the registered alliances for a map or a dashboard; answered with {@link DirectoryStats}. */
public record FetchDirectoryStatsQuery() {
}
