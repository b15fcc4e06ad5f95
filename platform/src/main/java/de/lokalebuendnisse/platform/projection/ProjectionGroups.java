package de.lokalebuendnisse.platform.projection;

import java.util.List;
import java.util.Set;

/**
 * The processing groups a read-side service projects, one per projection; each service declares its own as a bean.
 * Operations (status, rebuild, dead letters) and the consistency wait know exactly these.
 *
 * @param replayWindowed the groups whose replays write their documents once per window of processor batches
 *                       ({@link ReplayWindows}): projections whose handlers write only through
 *                       {@link BatchedCollection} and {@link BatchEnd}
 */
public record ProjectionGroups(List<String> names, Set<String> replayWindowed) {

    public ProjectionGroups {
        names = List.copyOf(names);
        replayWindowed = Set.copyOf(replayWindowed);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a read-side service projects at least one processing group");
        }
        if (!names.containsAll(replayWindowed)) {
            throw new IllegalArgumentException("replay windows for groups not projected: " + replayWindowed);
        }
    }

    public static ProjectionGroups of(String... names) {
        return new ProjectionGroups(List.of(names), Set.of());
    }

    /** These groups, whose replays of {@code groups} use windows. */
    public ProjectionGroups withReplayWindows(String... groups) {
        return new ProjectionGroups(names, Set.of(groups));
    }
}
