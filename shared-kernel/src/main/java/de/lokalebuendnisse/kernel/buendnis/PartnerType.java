package de.lokalebuendnisse.kernel.buendnis;

/** The kinds of institutions that join an alliance as partners. */
public enum PartnerType {
    COMPANY,
    EMPLOYMENT_AGENCY,
    MUNICIPALITY,
    CHAMBER,
    SCHOOL,
    DAY_CARE,
    ASSOCIATION,
    WELFARE_ORGANISATION,
    UNION,
    CHURCH,
    UNIVERSITY,
    OTHER
}
