package de.lokalebuendnisse.kernel.buendnis;

/** How a Bündnis is organised. */
public enum OrganisationForm {
    /** Gesprächskreis */
    DISCUSSION_CIRCLE,
    /** feste Arbeitsgruppe */
    WORKING_GROUP,
    /** eingetragener Verein (e. V.) */
    REGISTERED_ASSOCIATION
}
