package de.lokalebuendnisse.kernel.buendnis;

/** Handlungsfelder of the alliances. */
public enum FieldOfAction {
    WORK_FAMILY_BALANCE,
    CHILD_CARE,
    CROSS_GENERATIONAL_WORK,
    HEALTH_AND_CARE,
    PARENTING_RESPONSIBILITY,
    FAMILY_FRIENDLY_ENVIRONMENT,
    CIVIC_ENGAGEMENT
}
