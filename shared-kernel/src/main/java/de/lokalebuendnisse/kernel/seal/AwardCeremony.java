package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.Require;

import java.time.LocalDate;

/** The Bündnisdialog at which the ministry grants the seals. */
public record AwardCeremony(LocalDate date, String place) {

    public AwardCeremony {
        Require.present(date, "ceremony.date");
        place = Require.text(place, "ceremony.place", 200);
    }
}
