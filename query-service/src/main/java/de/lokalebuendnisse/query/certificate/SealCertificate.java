package de.lokalebuendnisse.query.certificate;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.seal.GrantBasis;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a seal certificate (Siegelurkunde) shows, as of the grant: the renderer gets nothing else, so the same grant
 * gives the same document.
 *
 * @param bundesland      null when the register does not know the Land
 * @param ceremonyDate    null when the seal was granted outside a ceremony; the certificate then names {@code grantedOn}
 * @param ceremonyPlace   null together with {@code ceremonyDate}
 * @param verificationUrl where the QR code leads: the public verification page of {@code verificationCode}
 * @param previousPeriod  for a renewal, the period whose seal was renewed; null otherwise (a renewal without it names
 *                        the period before {@code period})
 */
public record SealCertificate(BuendnisId buendnisId,
                              String sealName,
                              AwardPeriod period,
                              String allianceName,
                              String place,
                              Bundesland bundesland,
                              LocalDate ceremonyDate,
                              String ceremonyPlace,
                              GrantBasis basis,
                              String verificationCode,
                              String verificationUrl,
                              LocalDate grantedOn,
                              AwardPeriod previousPeriod) {

    public SealCertificate {
        Objects.requireNonNull(buendnisId, "buendnisId");
        Objects.requireNonNull(sealName, "sealName");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(allianceName, "allianceName");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(verificationCode, "verificationCode");
        Objects.requireNonNull(verificationUrl, "verificationUrl");
        Objects.requireNonNull(grantedOn, "grantedOn");
    }

    /** The day the certificate names: the ceremony's, or the grant's when there was none. */
    public LocalDate awardedOn() {
        return ceremonyDate != null ? ceremonyDate : grantedOn;
    }
}
