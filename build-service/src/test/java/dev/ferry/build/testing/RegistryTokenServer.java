package dev.ferry.build.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The token server (realm) of a bearer-auth registry, the one stand-in next to a real docker-registry: checks basic
 * credentials and issues the JWT distribution's {@code auth: token:} accepts (signed by a self-signed RSA key whose
 * certificate goes in the registry's rootcertbundle and in the token's {@code x5c} header), granting of each
 * requested scope only the actions the account may do. Remembers every request, so a test can check what was asked.
 */
public final class RegistryTokenServer implements AutoCloseable {

    /** The registry's {@code service}, the tokens' audience. */
    public static final String SERVICE = "ferry-test-registry";

    /** The tokens' {@code iss}, the registry's {@code issuer}. */
    public static final String ISSUER = "ferry-test-token-server";

    /** Who may log in, and which repository actions ({@code pull}, {@code push}) their tokens grant. */
    public record Account(String user, String password, Set<String> actions) {}

    /** One repository scope: asked for in a token request, or granted in a token. */
    public record Scope(String type, String name, Set<String> actions) {

        static Scope parse(String scope) {
            int first = scope.indexOf(':');
            int last = scope.lastIndexOf(':');
            if (first < 0 || first == last) {
                throw new IllegalArgumentException("scope " + scope + " is not type:name:actions");
            }
            return new Scope(
                    scope.substring(0, first),
                    scope.substring(first + 1, last),
                    new LinkedHashSet<>(List.of(scope.substring(last + 1).split(","))));
        }
    }

    /**
     * A token request as the server saw it.
     *
     * @param user the basic-auth user, null when none was sent
     * @param issued whether the credentials were right and a token was issued
     * @param granted the scopes the token grants (empty when none was issued)
     */
    public record TokenRequest(
            String user, String service, List<Scope> requested, boolean issued, List<Scope> granted) {}

    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final HttpServer server;
    private final List<Account> accounts;
    private final KeyPair key;
    private final X509Certificate certificate;
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

    private RegistryTokenServer(HttpServer server, List<Account> accounts, KeyPair key, X509Certificate certificate) {
        this.server = server;
        this.accounts = List.copyOf(accounts);
        this.key = key;
        this.certificate = certificate;
    }

    /** Starts a token server on a free loopback port for these accounts. */
    public static RegistryTokenServer start(Account... accounts) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var tokens = new RegistryTokenServer(server, List.of(accounts), key, selfSigned(key));
            server.createContext("/token", tokens::answer);
            server.start();
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the token signing key", e);
        }
    }

    /** Where the registry sends clients for tokens. */
    public URI realm() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/token");
    }

    /** The signing certificate as PEM, for the registry's rootcertbundle. */
    public String certificatePem() {
        var pem = new StringWriter();
        try (var writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pem.toString();
    }

    /** Every token request since the start or the last {@link #forgetRequests()}, oldest first. */
    public List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    public void forgetRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map.Entry<String, String> login =
                    basicLogin(exchange.getRequestHeaders().getFirst("Authorization"));
            List<Scope> requested = new ArrayList<>();
            String service = null;
            for (String parameter :
                    String.valueOf(exchange.getRequestURI().getRawQuery()).split("&")) {
                String[] pair = parameter.split("=", 2);
                String value = pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
                switch (pair[0]) {
                    case "scope" -> requested.add(Scope.parse(value));
                    case "service" -> service = value;
                    default -> {
                        // account, client_id, offline_token: nothing this server needs.
                    }
                }
            }
            Account account = accounts.stream()
                    .filter(a -> login != null
                            && a.user().equals(login.getKey())
                            && a.password().equals(login.getValue()))
                    .findFirst()
                    .orElse(null);
            String user = login == null ? null : login.getKey();
            if (account == null || !SERVICE.equals(service)) {
                requests.add(new TokenRequest(user, service, requested, false, List.of()));
                reply(exchange, account == null ? 401 : 400, "{\"details\":\"refused\"}");
                return;
            }
            List<Scope> granted = requested.stream()
                    .map(s -> new Scope(s.type(), s.name(), grantable(s, account)))
                    .toList();
            requests.add(new TokenRequest(user, service, requested, true, granted));
            String token = token(account.user(), granted);
            reply(
                    exchange,
                    200,
                    "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":"
                            + TOKEN_LIFETIME.toSeconds() + "}");
        }
    }

    private static Set<String> grantable(Scope requested, Account account) {
        Set<String> actions = new LinkedHashSet<>(requested.actions());
        actions.retainAll(account.actions());
        return actions;
    }

    private String token(String user, List<Scope> granted) {
        var claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setAudience(SERVICE);
        claims.setExpirationTimeMinutesInTheFuture(TOKEN_LIFETIME.toMinutes());
        claims.setNotBeforeMinutesInThePast(1);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setClaim(
                "access",
                granted.stream()
                        .map(s -> Map.of("type", s.type(), "name", s.name(), "actions", List.copyOf(s.actions())))
                        .toList());
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        // distribution 2.8 finds the verifying key through x5c: a chain ending at a certificate in its rootcertbundle.
        jws.setCertificateChainHeaderValue(certificate);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a registry token", e);
        }
    }

    private static Map.Entry<String, String> basicLogin(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : Map.entry(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static X509Certificate selfSigned(KeyPair key) throws GeneralSecurityException, OperatorCreationException {
        var name = new X500Name("CN=" + ISSUER);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                name,
                key.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
