package de.lokalebuendnisse.query.seal;

import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.SealGrantView;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the signed Open Badges 3.0 credential of a grant. The proof follows the W3C Data Integrity EdDSA
 * cryptosuite {@code eddsa-jcs-2022}: the document without its proof and the proof's options (with the document's
 * {@code @context}) are each canonicalised by JCS (RFC 8785) and hashed with SHA-256; the Ed25519 signature over
 * the options' hash followed by the document's hash is the proof value, multibase base58-btc. Anyone holding the
 * key published at {@code /.well-known/lbf-seal-key.json} can check it offline.
 */
public final class SealCredentials {

    public static final String CRYPTOSUITE = "eddsa-jcs-2022";
    public static final String KEY_PATH = "/.well-known/lbf-seal-key.json";
    static final List<String> CONTEXT = List.of("https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final SealSigningKey key;
    private final VerificationProperties settings;
    private final JsonMapper json;
    private final Clock clock;

    public SealCredentials(SealSigningKey key, VerificationProperties settings, JsonMapper json, Clock clock) {
        this.key = key;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    public SealCredential signed(SealGrantView grant) {
        SealCredential document = unsigned(grant);
        SealCredential.Proof options = new SealCredential.Proof("DataIntegrityProof", CRYPTOSUITE,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                settings.baseUrl() + KEY_PATH + "#" + key.kid(), "assertionMethod", null);
        byte[] signature = key.sign(hashData(document, options));
        return document.withProof(new SealCredential.Proof(options.type(), options.cryptosuite(), options.created(),
                options.verificationMethod(), options.proofPurpose(), "z" + Base58.encode(signature)));
    }

    /** What is signed: SHA-256(JCS(proof options with the document's @context)) || SHA-256(JCS(document)). */
    private byte[] hashData(SealCredential document, SealCredential.Proof options) {
        Map<String, Object> config = new LinkedHashMap<>(asMap(options));
        config.put("@context", document.context());
        byte[] configHash = sha256(Jcs.canonical(config));
        byte[] documentHash = sha256(Jcs.canonical(asMap(document)));
        byte[] data = new byte[configHash.length + documentHash.length];
        System.arraycopy(configHash, 0, data, 0, configHash.length);
        System.arraycopy(documentHash, 0, data, configHash.length, documentHash.length);
        return data;
    }

    /** As the answer will be written: through the same mapper as every answer of the service. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object value) {
        return json.readValue(json.writeValueAsString(value), Map.class);
    }

    private SealCredential unsigned(SealGrantView grant) {
        String code = grant.verificationCode().grouped();
        String self = settings.baseUrl() + "/api/public/seals/" + code;
        String granted = startOf(grant.grantedOn());
        String until = LocalDate.of(grant.validThrough(), 12, 31).atTime(LocalTime.of(23, 59, 59))
                .atZone(BERLIN).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String basis = grant.basis() == GrantBasis.RENEWAL
                ? "Verlängerung des Siegels " + (grant.previousPeriod() == null ? "des Vorzeitraums"
                : grant.previousPeriod().label())
                : "Bündnisumfrage " + grant.period().firstYear();
        return new SealCredential(CONTEXT, self, List.of("VerifiableCredential", "OpenBadgeCredential"),
                grant.sealName(),
                new SealCredential.Issuer(settings.baseUrl(), List.of("Profile"), settings.issuerName(),
                        "Siegel der Initiative „Lokale Bündnisse für Familie“, geführt vom Servicebüro"),
                granted, until, granted,
                new SealCredential.Subject(List.of("AchievementSubject"), grant.allianceName(), grant.place(),
                        grant.bundeslandName(), basis,
                        new SealCredential.Achievement("urn:lbf:seal:" + grant.period().id(), List.of("Achievement"),
                                grant.sealName(),
                                "Auszeichnung lokaler Bündnisse für Familie für wirksame Bündnisarbeit im Zeitraum "
                                        + grant.period().label() + ", gültig bis Ende " + grant.validThrough() + ".",
                                new SealCredential.Criteria(criteria(grant)))),
                new SealCredential.Status(self + "#status", "LbfSealStatus", "revocation",
                        grant.revoked() ? "revoked" : "valid",
                        grant.revokedOn() == null ? null : grant.revokedOn().toString()),
                null);
    }

    /** The rule of the only grant rule so far (GrantRule.SURVEY_INTEREST_WERKSTATT_V1), by the path the grant took. */
    private static String criteria(SealGrantView grant) {
        return grant.basis() == GrantBasis.RENEWAL
                ? "Inhaber des Siegels des Vorzeitraums, die an einer Zukunftswerkstatt des Zeitraums teilgenommen haben."
                : "Ausreichender Aktivitätsgrad in der Bündnisumfrage, erklärtes Interesse an Projekt Zukunft und "
                + "Teilnahme an einer regionalen Zukunftswerkstatt (selbst oder vertreten).";
    }

    private static String startOf(LocalDate day) {
        return day.atStartOfDay(BERLIN).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
