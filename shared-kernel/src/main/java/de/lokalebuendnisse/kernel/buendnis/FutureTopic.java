package de.lokalebuendnisse.kernel.buendnis;

/** The four Zukunftsthemen of the 2023 joint mission. */
public enum FutureTopic {
    FAMILY_CARE_WORK_BALANCE,
    CHILD_CARE,
    LOW_INCOME_FAMILIES,
    FAMILY_CONSCIOUS_COMPANY_POLICY
}
