package dev.ferry.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook deliveries as GitHub sends them, for tests of the planner's {@code /webhooks/github}: a JSON body
 * with the event and delivery id in headers, signed with the webhook's secret ({@code X-Hub-Signature-256}).
 */
public final class GithubDeliveries {

    private GithubDeliveries() {}

    /** The {@code X-Hub-Signature-256} value GitHub sends for {@code body}: {@code sha256=} and the HMAC in hex. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Posts one delivery of {@code event} with the given signature (a wrong one too, to see it refused). */
    public static HttpResponse<String> post(
            URI endpoint, String event, String deliveryId, String body, String signature)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
