package de.lokalebuendnisse.kernel.directory;

import de.lokalebuendnisse.kernel.buendnis.PartnerType;

public record DirectoryPartner(String partnerId, String name, PartnerType type) {
}
