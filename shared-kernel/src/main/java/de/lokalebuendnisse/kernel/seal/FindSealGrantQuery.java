package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;

/** One alliance's grant of a period's seal; answered with a {@link SealGrantView}, or null when it was not granted. */
public record FindSealGrantQuery(AwardPeriod period, BuendnisId buendnisId) {

    public FindSealGrantQuery {
        Require.present(period, "period");
        Require.present(buendnisId, "buendnisId");
    }
}
