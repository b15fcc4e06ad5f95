package de.lokalebuendnisse.kernel.survey;

/** How the answers were taken: the online survey (2023, 2024) or a telephone interview (2025). */
public enum SubmissionChannel {
    ONLINE,
    INTERVIEW
}
