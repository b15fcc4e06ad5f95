package de.lokalebuendnisse.kernel.directory;

import java.util.List;

/** One page of a directory search with the number of all matches. */
public record DirectoryPage(long total, int page, int size, List<DirectoryEntry> entries) {
}
