package de.lokalebuendnisse.kernel.buendnis;

import org.axonframework.serialization.Revision;

@Revision("1")
public record PartnerAdded(BuendnisId buendnisId, PartnerId partnerId, String name, PartnerType type)
        implements BuendnisEvent {
}
