package dev.ferry.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.CliFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OAuth 2.0 device authorization (RFC 8628) against an OpenID Connect provider: the CLI asks for a code, the person
 * opens the provider's page in any browser and enters it, and the CLI polls for the token meanwhile. Nothing secret is
 * typed into the terminal, and the CLI needs no client secret.
 */
final class DeviceLogin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Clock clock;
    private final PrintWriter out;

    DeviceLogin(Clock clock, PrintWriter out) {
        this.clock = clock;
        this.out = out;
    }

    /** The access token the provider issues once the person approved the login, or a failure saying why not. */
    String login(URI issuer, String clientId, String scope) {
        JsonNode discovery =
                get(URI.create(issuer.toString().replaceAll("/$", "") + "/.well-known/openid-configuration"));
        URI deviceEndpoint = endpoint(discovery, "device_authorization_endpoint", issuer);
        URI tokenEndpoint = endpoint(discovery, "token_endpoint", issuer);
        JsonNode device = post(deviceEndpoint, Map.of("client_id", clientId, "scope", scope));
        String deviceCode = required(device, "device_code", deviceEndpoint);
        String page = device.hasNonNull("verification_uri_complete")
                ? device.get("verification_uri_complete").asText()
                : required(device, "verification_uri", deviceEndpoint);
        out.println("To log in, open " + page + " and enter the code " + required(device, "user_code", deviceEndpoint));
        out.flush();
        Duration interval = Duration.ofSeconds(device.path("interval").asLong(5));
        Instant expires = clock.instant().plusSeconds(device.path("expires_in").asLong(600));
        while (clock.instant().isBefore(expires)) {
            JsonNode answer = post(
                    tokenEndpoint,
                    Map.of("grant_type", DEVICE_GRANT, "device_code", deviceCode, "client_id", clientId));
            if (answer.hasNonNull("access_token")) {
                return answer.get("access_token").asText();
            }
            String error = answer.path("error").asText("");
            switch (error) {
                case "authorization_pending" -> {}
                // RFC 8628 3.5: slow down by five seconds from now on.
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "access_denied" -> throw new CliFailure("the login was refused at " + issuer);
                case "expired_token" ->
                    throw new CliFailure("the login code expired before it was entered; run" + " ferry login again");
                default ->
                    throw new CliFailure("the identity provider at " + tokenEndpoint + " refused the login: "
                            + (error.isEmpty() ? "no token and no error in its answer" : error)
                            + answer.path("error_description").asText(""));
            }
            pause(interval);
        }
        throw new CliFailure("the login code expired before it was entered; run ferry login again");
    }

    private static URI endpoint(JsonNode discovery, String name, URI issuer) {
        if (!discovery.hasNonNull(name)) {
            throw new CliFailure("the identity provider at " + issuer + " announces no " + name
                    + (name.startsWith("device") ? ": it does not offer device login; log in with --token" : ""));
        }
        return URI.create(discovery.get(name).asText());
    }

    private static String required(JsonNode answer, String field, URI from) {
        if (!answer.hasNonNull(field)) {
            throw new CliFailure(from + " answered without " + field);
        }
        return answer.get(field).asText();
    }

    private JsonNode get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build(), uri);
    }

    private JsonNode post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                uri);
    }

    /** The answer's JSON; OAuth errors come with 400, and are read like any answer. */
    private JsonNode send(HttpRequest request, URI uri) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() == 404) {
                throw new CliFailure(uri + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliFailure("cannot reach the identity provider at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while logging in", e);
        }
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for the login", e);
        }
    }
}
