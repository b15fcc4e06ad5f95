package de.lokalebuendnisse.kernel.buendnis;

import org.axonframework.serialization.Revision;

/** Carries the removed partner's name and type so the history reads without looking back. */
@Revision("1")
public record PartnerRemoved(BuendnisId buendnisId, PartnerId partnerId, String name, PartnerType type)
        implements BuendnisEvent {
}
