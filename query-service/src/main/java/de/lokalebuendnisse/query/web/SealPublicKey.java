package de.lokalebuendnisse.query.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** The seal signing key's public part as a JWK (RFC 8037): kty OKP, crv Ed25519, kid its RFC 7638 thumbprint. */
@Schema(description = "Ed25519 public key (JWK) that checks the proofs of seal credentials")
record SealPublicKey(String kty, String crv, String kid, String x, String alg, String use) {

    static SealPublicKey of(Map<String, String> jwk) {
        return new SealPublicKey(jwk.get("kty"), jwk.get("crv"), jwk.get("kid"), jwk.get("x"), jwk.get("alg"),
                jwk.get("use"));
    }
}
