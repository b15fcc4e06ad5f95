package de.lokalebuendnisse.kernel.buendnis;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BuendnisPaused(BuendnisId buendnisId, String reason) implements BuendnisEvent {
}
