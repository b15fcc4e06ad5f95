package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.seal.GrantCriterion;

/** A criterion the alliance does not meet, with the same reason a refused grant gives. */
public record MissingCriterion(GrantCriterion criterion, String detail) {
}
