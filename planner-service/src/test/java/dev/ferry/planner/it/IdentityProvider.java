package dev.ferry.planner.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity provider of security tests, on localhost: its JWKS with the test's own key pair, tokens signed with it
 * (or with another key, to forge one) as the planner expects them (issuer, {@code sub}, a name, roles, groups), and
 * OpenID Connect's authorization-code flow with PKCE for a browser: discovery, an authorization endpoint that signs in
 * whoever the test says without asking, and a token endpoint that checks the code verifier against the challenge.
 */
final class IdentityProvider implements AutoCloseable {
    static final String DASHBOARD_CLIENT = "ferry-dashboard";
    private static final ObjectMapper JSON = new ObjectMapper();

    final RSAKey key;
    private final HttpServer server;
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private volatile String signedIn;
    private volatile List<String> signedInRoles = List.of();

    /** A code the authorization endpoint gave out, and what redeeming it must show. */
    private record Authorization(
            String clientId, String redirectUri, String challenge, String name, List<String> roles) {}

    private IdentityProvider(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    static IdentityProvider start() throws JOSEException, IOException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("ferry-test").generate();
        var provider = new IdentityProvider(key, HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        provider.serve();
        return provider;
    }

    private void serve() {
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> reply(exchange, 200, keys));
        server.createContext("/.well-known/openid-configuration", exchange -> reply(exchange, 200, discovery()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::redeem);
        server.start();
    }

    /** Its address, which is also the {@code iss} of its tokens. */
    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The planner's settings that make it verify tokens of this provider, and send its dashboard here to log in. */
    List<String> plannerArguments() {
        return List.of(
                "--ferry.planner.security.jwk-set-uri=" + issuer() + "/jwks",
                "--ferry.planner.security.issuer=" + issuer(),
                "--ferry.planner.security.dashboard-client-id=" + DASHBOARD_CLIENT);
    }

    /** Who the authorization endpoint signs in from now on (a person who typed their password, in real life). */
    void signsIn(String name, List<String> roles) {
        signedIn = name;
        signedInRoles = List.copyOf(roles);
    }

    /** A token of this provider for {@code name} with these roles, valid for ten minutes. */
    String token(String name, List<String> roles) throws JOSEException {
        return token(name, roles, List.of(), key, Instant.now().plusSeconds(600));
    }

    /** A token for {@code name}, whose subject is {@code id-NAME}, signed by {@code signer}. */
    String token(String name, List<String> roles, List<String> groups, RSAKey signer, Instant expiry)
            throws JOSEException {
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
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

    private byte[] discovery() throws IOException {
        return JSON.writeValueAsBytes(Map.of(
                "issuer", issuer(),
                "authorization_endpoint", issuer() + "/authorize",
                "token_endpoint", issuer() + "/token",
                "jwks_uri", issuer() + "/jwks",
                "code_challenge_methods_supported", List.of("S256")));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (signedIn == null
                || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method"))) {
            reply(exchange, 400, "{\"error\": \"invalid_request\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(
                code,
                new Authorization(
                        query.get("client_id"),
                        query.get("redirect_uri"),
                        query.get("code_challenge"),
                        signedIn,
                        signedInRoles));
        exchange.getResponseHeaders()
                .add(
                        "Location",
                        query.get("redirect_uri") + "?code=" + code + "&state="
                                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void redeem(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Authorization authorization = codes.remove(form.getOrDefault("code", ""));
        if (authorization == null
                || !"authorization_code".equals(form.get("grant_type"))
                || !authorization.clientId().equals(form.get("client_id"))
                || !authorization.redirectUri().equals(form.get("redirect_uri"))
                || !authorization.challenge().equals(challenge(form.getOrDefault("code_verifier", "")))) {
            reply(exchange, 400, "{\"error\": \"invalid_grant\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            reply(
                    exchange,
                    200,
                    JSON.writeValueAsBytes(Map.of(
                            "access_token",
                            token(authorization.name(), authorization.roles()),
                            "token_type",
                            "Bearer")));
        } catch (JOSEException e) {
            throw new IOException(e);
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        var fields = new LinkedHashMap<String, String>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                fields.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** Answers with JSON a page of another origin may read, as identity providers allow their browser clients. */
    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
