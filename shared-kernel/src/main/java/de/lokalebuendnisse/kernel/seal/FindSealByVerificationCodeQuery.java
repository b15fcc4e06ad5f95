package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.Require;

/** The grant a verification code belongs to; answered with a {@link SealGrantView}, or null when none does. */
public record FindSealByVerificationCodeQuery(VerificationCode code) {

    public FindSealByVerificationCodeQuery {
        Require.present(code, "code");
    }
}
