package de.lokalebuendnisse.kernel.buendnis;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BuendnisRegistered(BuendnisId buendnisId, BuendnisProfile profile) implements BuendnisEvent {
}
