package de.lokalebuendnisse.kernel.buendnis;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * @param previous        the profile this update replaced
 * @param changedFields   names of the profile fields that differ from {@code previous}
 */
@Revision("1")
public record BuendnisProfileUpdated(BuendnisId buendnisId, BuendnisProfile profile, BuendnisProfile previous,
                                     List<String> changedFields) implements BuendnisEvent {
}
