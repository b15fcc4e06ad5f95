package de.lokalebuendnisse.kernel.seal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;

import java.time.LocalDate;

/**
 * One grant of a seal as the seal register keeps it: a historical record. The alliance's name and place are those
 * it had when the seal was granted (a certificate does not change when the alliance renames itself later). Holds
 * nothing personal, and not the reason of a revocation, only its date.
 *
 * @param allianceName      as of the grant; null only while the alliance's registration has not reached the register
 * @param place             the alliance's Ort as of the grant
 * @param municipalityKey   its Amtlicher Gemeindeschlüssel as of the grant
 * @param bundesland        ISO 3166-2 code as of the grant, e.g. DE-BY
 * @param bundeslandName    German name of the Land, e.g. Bayern
 * @param grantedOn         the ceremony's date when granted at the ceremony, else the day of the grant (Europe/Berlin)
 * @param ceremonyDate      the period's ceremony; null when the grant was made outside it
 * @param previousPeriod    for a renewal, the period whose seal was renewed; otherwise null
 * @param revokedOn         day of the revocation (Europe/Berlin); null while the seal stands
 * @param eventPosition     position of the SealGranted event in the event store
 */
public record SealGrantView(VerificationCode verificationCode,
                            AwardPeriod period,
                            String sealName,
                            BuendnisId buendnisId,
                            String allianceName,
                            String place,
                            String municipalityKey,
                            String bundesland,
                            String bundeslandName,
                            LocalDate grantedOn,
                            boolean atCeremony,
                            LocalDate ceremonyDate,
                            String ceremonyPlace,
                            GrantBasis basis,
                            AwardPeriod previousPeriod,
                            LocalDate revokedOn,
                            long eventPosition) {

    @JsonIgnore
    public boolean revoked() {
        return revokedOn != null;
    }

    /** The last calendar year in which the seal is valid (a seal of 2024/25 is valid through 2025). */
    @JsonIgnore
    public int validThrough() {
        return period.validThrough();
    }
}
