package de.lokalebuendnisse.kernel.buendnis;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BuendnisResumed(BuendnisId buendnisId) implements BuendnisEvent {
}
