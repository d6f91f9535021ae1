package dev.ferry.planner.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The identity provider of security tests: a real JWKS on localhost with the test's own key pair, and tokens signed
 * with it (or with another key, to forge one) as the planner expects them: issuer, {@code sub}, a name, roles, groups.
 */
final class IdentityProvider implements AutoCloseable {
    static final String ISSUER = "https://id.example.test";

    final RSAKey key;
    private final HttpServer jwks;

    private IdentityProvider(RSAKey key, HttpServer jwks) {
        this.key = key;
        this.jwks = jwks;
    }

    static IdentityProvider start() throws JOSEException, IOException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("ferry-test").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        return new IdentityProvider(key, jwks);
    }

    /** The planner's settings that make it verify tokens of this provider. */
    List<String> plannerArguments() {
        return List.of(
                "--ferry.planner.security.jwk-set-uri=http://127.0.0.1:"
                        + jwks.getAddress().getPort() + "/jwks",
                "--ferry.planner.security.issuer=" + ISSUER);
    }

    /** A token of this provider for {@code name} with these roles, valid for ten minutes. */
    String token(String name, List<String> roles) throws JOSEException {
        return token(name, roles, List.of(), key, Instant.now().plusSeconds(600));
    }

    /** A token for {@code name}, whose subject is {@code id-NAME}, signed by {@code signer}. */
    static String token(String name, List<String> roles, List<String> groups, RSAKey signer, Instant expiry)
            throws JOSEException {
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("id-" + name)
                .claim("preferred_username", name)
                .claim("roles", roles)
                .claim("groups", groups)
                .issueTime(Date.from(expiry.minusSeconds(1200)))
                .expirationTime(Date.from(expiry))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signer.getKeyID())
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
