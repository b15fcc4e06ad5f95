package de.lokalebuendnisse.kernel.buendnis;

/** Everything that can happen to a Bündnis. */
public sealed interface BuendnisEvent
        permits BuendnisRegistered, BuendnisProfileUpdated, PartnerAdded, PartnerRemoved, BuendnisPaused,
        BuendnisResumed, BuendnisDissolved, ContactPersonAdded, ContactPersonChanged, ContactPersonRemoved,
        PersonalDataErased {

    BuendnisId buendnisId();
}
