package de.lokalebuendnisse.query.seal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A seal grant as an Open Badges 3.0 credential ({@code OpenBadgeCredential}, a W3C Verifiable Credential 2.0),
 * signed by a Data Integrity proof {@code eddsa-jcs-2022} with the office's Ed25519 key. Holds only strings,
 * arrays and objects, nothing personal, and not the reason of a revocation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"@context", "id", "type", "name", "issuer", "validFrom", "validUntil", "awardedDate",
        "credentialSubject", "credentialStatus", "proof"})
@Schema(description = "Open Badges 3.0 OpenBadgeCredential of one seal grant, with an eddsa-jcs-2022 proof")
public record SealCredential(@JsonProperty("@context") List<String> context,
                             String id,
                             List<String> type,
                             String name,
                             Issuer issuer,
                             @Schema(description = "start of the grant day, Europe/Berlin") String validFrom,
                             @Schema(description = "end of the last year the seal is valid in") String validUntil,
                             String awardedDate,
                             Subject credentialSubject,
                             Status credentialStatus,
                             Proof proof) {

    /** The same credential carrying {@code proof}. */
    public SealCredential withProof(Proof proof) {
        return new SealCredential(context, id, type, name, issuer, validFrom, validUntil, awardedDate,
                credentialSubject, credentialStatus, proof);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SealCredentialIssuer", description = "OB 3.0 Profile of the granting authority")
    public record Issuer(String id, List<String> type, String name, String description) {
    }

    /** OB 3.0 AchievementSubject; besides the achievement, the alliance as of the grant (no person). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SealCredentialSubject")
    public record Subject(List<String> type,
                          @Schema(description = "the alliance's name as of the grant") String name,
                          String place,
                          String bundesland,
                          @Schema(description = "survey, or renewal of the previous period's seal") String grantBasis,
                          Achievement achievement) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SealAchievement", description = "OB 3.0 Achievement: the seal of one award period")
    public record Achievement(String id, List<String> type, String name, String description, Criteria criteria) {
    }

    @Schema(name = "SealCriteria")
    public record Criteria(String narrative) {
    }

    /**
     * Whether the seal stands: {@code status} valid or revoked, and the day of a revocation (its reason is
     * withheld).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SealCredentialStatus")
    public record Status(String id, String type, String statusPurpose,
                         @Schema(allowableValues = {"valid", "revoked"}) String status,
                         String revokedOn) {
    }

    /** W3C Data Integrity proof, cryptosuite eddsa-jcs-2022; proofValue multibase base58-btc. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SealCredentialProof")
    public record Proof(String type, String cryptosuite, String created, String verificationMethod,
                        String proofPurpose, String proofValue) {
    }
}
