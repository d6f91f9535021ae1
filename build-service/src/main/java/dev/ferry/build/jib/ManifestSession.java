package dev.ferry.build.jib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.http.Authorization;
import com.google.cloud.tools.jib.http.BlobHttpContent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Manifest reads and writes on one repository as bytes, over Jib's HTTP client (the same plain-HTTP failover and
 * credential rules as a push). Jib's registry client parses manifests into its own templates, which drop fields and
 * would change a digest on the way back, so a manifest copy goes through here. Auth: basic with the repository's
 * credentials, or the bearer token a {@code WWW-Authenticate: Bearer} challenge asks for.
 */
final class ManifestSession implements AutoCloseable {

    /** A manifest as the registry holds it. */
    record Manifest(byte[] bytes, String mediaType) {}

    private static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper json = new ObjectMapper();

    private final FailoverHttpClient http;
    private final ImageTarget.Registry target;
    private Authorization authorization;

    ManifestSession(ImageTarget.Registry target, boolean plainHttp) {
        this.http = new FailoverHttpClient(plainHttp, plainHttp, log -> {});
        this.target = target;
        this.authorization = basic();
    }

    Manifest get(String reference) throws IOException {
        try (Response response = call("GET", reference, null)) {
            String type = response.getHeader("Content-Type").stream()
                    .findFirst()
                    .orElseThrow(() -> new IOException("the registry sent manifest " + reference + " without a type"));
            try (InputStream body = response.getBody()) {
                return new Manifest(body.readAllBytes(), type);
            }
        }
    }

    void put(String tag, Manifest manifest) throws IOException {
        call("PUT", tag, manifest).close();
    }

    private Response call(String method, String reference, Manifest body) throws IOException {
        try {
            return send(method, reference, body);
        } catch (ResponseException e) {
            String challenge = e.getHeaders().getAuthenticate();
            if (e.getStatusCode() != 401 || challenge == null || !challenge.startsWith("Bearer ")) {
                throw e;
            }
            authorization = Authorization.fromBearerToken(token(challenge));
            return send(method, reference, body);
        }
    }

    private Response send(String method, String reference, Manifest body) throws IOException {
        var request = Request.builder().setAccept(MANIFEST_TYPES).setAuthorization(authorization);
        if (body != null) {
            // A new stream for every attempt: a stream-backed blob can be written once, and a PUT answered by a
            // bearer challenge (the token of the GET may only pull) is sent again with the push token.
            request.setBody(new BlobHttpContent(Blobs.from(new ByteArrayInputStream(body.bytes())), body.mediaType()));
        }
        var url = URI.create("https://" + target.registry() + "/v2/" + target.repository() + "/manifests/" + reference)
                .toURL();
        return http.call(method, url, request.build());
    }

    /** The token the challenge's realm gives for pulling and pushing this repository, asked with the credentials. */
    private String token(String challenge) throws IOException {
        Map<String, String> parameters = new HashMap<>();
        Matcher m = CHALLENGE_PARAMETER.matcher(challenge);
        while (m.find()) {
            parameters.put(m.group(1), m.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null) {
            throw BuildFailure.permanent(
                    FailureKind.AUTHENTICATION, target.registry() + " asked for a bearer token but named no realm");
        }
        String query = "?scope=" + encode("repository:" + target.repository() + ":pull,push")
                + (parameters.containsKey("service") ? "&service=" + encode(parameters.get("service")) : "");
        var request = Request.builder().setAuthorization(basic()).build();
        try (Response response = http.get(URI.create(realm + query).toURL(), request);
                InputStream body = response.getBody()) {
            JsonNode answer = json.readTree(body);
            return answer.hasNonNull("token")
                    ? answer.get("token").asText()
                    : answer.path("access_token").asText();
        } catch (ResponseException e) {
            throw new TokenRefused(realm, e.getStatusCode(), e);
        }
    }

    /**
     * The registry's token server (GHCR, Docker Hub, Harbor) refused to give a token: said apart from the registry
     * refusing a request, since that server is where the credentials are checked.
     */
    static final class TokenRefused extends IOException {
        private static final long serialVersionUID = 1L;

        private final String realm;
        private final int status;

        TokenRefused(String realm, int status, Throwable cause) {
            super("the token server " + realm + " answered HTTP " + status, cause);
            this.realm = realm;
            this.status = status;
        }

        String realm() {
            return realm;
        }

        int status() {
            return status;
        }
    }

    private Authorization basic() {
        return target.credentials() == null
                ? null
                : Authorization.fromBasicCredentials(
                        target.credentials().username(), target.credentials().password());
    }

    @Override
    public void close() throws IOException {
        http.shutDown();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
