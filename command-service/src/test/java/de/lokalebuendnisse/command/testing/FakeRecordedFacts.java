package de.lokalebuendnisse.command.testing;

import de.lokalebuendnisse.command.facts.RecordedFacts;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Other aggregates' facts as a test states them. */
public final class FakeRecordedFacts implements RecordedFacts {

    public final Map<BuendnisId, BuendnisStatus> statuses = new HashMap<>();
    public final Map<AwardPeriod, SortedSet<BuendnisId>> sealHolders = new HashMap<>();
    /** Set when the command under test must not ask about seals at all. */
    public boolean failOnSealQuery;

    public void holders(AwardPeriod period, BuendnisId... holders) {
        sealHolders.put(period, new TreeSet<>(Arrays.asList(holders)));
    }

    @Override
    public Optional<BuendnisStatus> statusOf(BuendnisId buendnisId) {
        return Optional.ofNullable(statuses.get(buendnisId));
    }

    @Override
    public SortedSet<BuendnisId> sealHoldersOf(AwardPeriod period) {
        if (failOnSealQuery) {
            throw new AssertionError("no seal period should be consulted, but was asked for " + period);
        }
        return new TreeSet<>(sealHolders.getOrDefault(period, new TreeSet<>()));
    }
}
