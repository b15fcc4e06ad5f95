package de.lokalebuendnisse.platform.projection;

import java.util.List;

/**
 * The processing groups a read-side service projects, one per projection; each service declares its own as a bean.
 * Operations (status, rebuild, dead letters) and the consistency wait know exactly these.
 */
public record ProjectionGroups(List<String> names) {

    public ProjectionGroups {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a read-side service projects at least one processing group");
        }
    }

    public static ProjectionGroups of(String... names) {
        return new ProjectionGroups(List.of(names));
    }
}
