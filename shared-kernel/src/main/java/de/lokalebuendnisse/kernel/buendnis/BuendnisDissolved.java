package de.lokalebuendnisse.kernel.buendnis;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Final: a dissolved Bündnis takes no further commands. {@code statusBefore} is what it was dissolved from. */
@Revision("1")
public record BuendnisDissolved(BuendnisId buendnisId, LocalDate dissolvedOn, String reason,
                                BuendnisStatus statusBefore) implements BuendnisEvent {
}
