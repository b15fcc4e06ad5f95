package de.lokalebuendnisse.identity.issuer.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;

/**
 * Checks a token the way a resource server does: discovery, then its {@code jwks_uri}, then the RS256 signature
 * with the key the token's {@code kid} names.
 */
public final class TokenSignatures {

    private TokenSignatures() {
    }

    /** The published keys, found through the discovery document at {@code issuerUrl}. */
    public static JWKSet publishedKeys(String issuerUrl) {
        Object jwksUri = TokenRequests.json(TokenRequests.get(issuerUrl + "/.well-known/openid-configuration"))
                .get("jwks_uri");
        try {
            return JWKSet.parse(TokenRequests.get((String) jwksUri).body());
        } catch (ParseException e) {
            throw new IllegalStateException("the JWKS is not a JWK set", e);
        }
    }

    /** @return the token's claims if its RS256 signature verifies against the issuer's published keys */
    public static JWTClaimsSet verifiedClaims(String token, String issuerUrl) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new IllegalStateException("not RS256: " + jwt.getHeader().getAlgorithm());
            }
            RSAKey key = (RSAKey) publishedKeys(issuerUrl).getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                throw new IllegalStateException("no published key with kid " + jwt.getHeader().getKeyID());
            }
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw new IllegalStateException("the signature does not verify");
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
