package dev.ferry.planner.web.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.planner.github.GithubDelivery;
import dev.ferry.planner.github.InMemoryWebhookInbox;
import dev.ferry.planner.github.Payloads;
import dev.ferry.planner.github.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code POST /webhooks/github} over real HTTP: a web server on a random port with only the receiver's configuration
 * (not the planner, which needs Kafka and PostgreSQL), and the JDK's HTTP client playing GitHub.
 */
@SpringBootTest(
        classes = GithubWebhookEndpointIT.ReceiverOnly.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ferry.planner.github.webhook-secret=" + GithubWebhookEndpointIT.SECRET)
@ExtendWith(OutputCaptureExtension.class)
class GithubWebhookEndpointIT {

    static final String SECRET = "8f1e0c6d-webhook-secret-Ω";
    private static final WebhookSignature SIGNATURE = WebhookSignature.withSecret(SECRET);
    private static final long LIMIT = 25L * 1024 * 1024;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @Autowired
    private InMemoryWebhookInbox inbox;

    @Autowired
    private MeterRegistry meters;

    @Test
    void acceptsASignedPushAndHandsOnTheParsedDelivery() throws Exception {
        String id = newDeliveryId();
        String payload = Payloads.read("push.json");
        double before = count("push", "accepted");

        HttpResponse<String> response = post("push", id, SIGNATURE.sign(bytes(payload)), bytes(payload));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"accepted\",\"event\":\"push\",\"delivery\":\"" + id + "\"}");
        assertThat(delivered(id))
                .isEqualTo(new GithubDelivery(
                        id,
                        "push",
                        "fitsync/user-service",
                        "refs/heads/main",
                        "9f8c1d2a7b3e4c5d6e7f8091a2b3c4d5e6f70812",
                        null,
                        "main",
                        payload));
        assertThat(count("push", "accepted") - before).isEqualTo(1.0);
    }

    @Test
    void answersARedeliveryAsDuplicateAndHandsItOnOnce() throws Exception {
        String id = newDeliveryId();
        byte[] body = bytes(Payloads.read("workflow_run-completed.json"));
        double before = count("workflow_run", "duplicate");

        HttpResponse<String> first = post("workflow_run", id, SIGNATURE.sign(body), body);
        HttpResponse<String> again = post("workflow_run", id, SIGNATURE.sign(body), body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"duplicate\"", "\"delivery\":\"" + id + "\"");
        assertThat(inbox.deliveries())
                .filteredOn(d -> d.deliveryId().equals(id))
                .hasSize(1);
        assertThat(count("workflow_run", "duplicate") - before).isEqualTo(1.0);
    }

    @Test
    void refusesAMissingSignatureAndRecordsNothing() throws Exception {
        String id = newDeliveryId();
        byte[] body = bytes(Payloads.read("push.json"));
        double before = count("push", "unauthorized");

        HttpResponse<String> response = post("push", id, null, body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"status\":\"unauthorized\"", "missing header X-Hub-Signature-256");
        assertThat(count("push", "unauthorized") - before).isEqualTo(1.0);
        assertNothingRecordedFor(id, body);
    }

    @Test
    void refusesAForgedSignatureAndRecordsNothing(CapturedOutput output) throws Exception {
        String id = newDeliveryId();
        byte[] body = bytes(Payloads.read("push.json"));
        String forged = WebhookSignature.withSecret("not-the-secret").sign(body);

        HttpResponse<String> response = post("push", id, forged, body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("signature mismatch").doesNotContain(forged.substring(7));
        assertThat(output.getOut())
                .contains("result=unauthorized event=push delivery=" + id)
                .doesNotContain(forged.substring(7))
                .doesNotContain(SECRET);
        assertNothingRecordedFor(id, body);
    }

    @Test
    void refusesAMalformedSignature() throws Exception {
        byte[] body = bytes(Payloads.read("push.json"));

        HttpResponse<String> response = post("push", newDeliveryId(), "sha1=0123456789abcdef", body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("malformed header X-Hub-Signature-256");
    }

    @Test
    void acknowledgesAndIgnoresAnUnsupportedEvent() throws Exception {
        String id = newDeliveryId();
        byte[] body = bytes("{\"action\":\"opened\",\"issue\":{\"number\":7},"
                + "\"repository\":{\"full_name\":\"fitsync/frontend\"}}");
        double before = count("unsupported", "ignored");

        HttpResponse<String> response = post("issues", id, SIGNATURE.sign(body), body);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"ignored\",\"event\":\"issues\",\"delivery\":\"" + id + "\"}");
        assertThat(inbox.deliveries()).noneMatch(d -> d.deliveryId().equals(id));
        assertThat(count("unsupported", "ignored") - before).isEqualTo(1.0);
    }

    @Test
    void answersAPingWithoutHandingItOn() throws Exception {
        String id = newDeliveryId();
        byte[] body = bytes(Payloads.read("ping.json"));

        HttpResponse<String> response = post("ping", id, SIGNATURE.sign(body), body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"pinged\"");
        assertThat(inbox.deliveries()).noneMatch(d -> d.deliveryId().equals(id));
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        String id = newDeliveryId();
        byte[] body = bytes("<html>Moved</html>");
        double before = count("push", "bad_request");

        HttpResponse<String> response = post("push", id, SIGNATURE.sign(body), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"status\":\"bad_request\"", "body is not JSON");
        assertThat(inbox.deliveries()).noneMatch(d -> d.deliveryId().equals(id));
        assertThat(count("push", "bad_request") - before).isEqualTo(1.0);
    }

    @Test
    void refusesAPayloadWithoutItsRepository() throws Exception {
        byte[] body = bytes("{\"action\":\"archived\",\"sender\":{\"login\":\"ops-lead\"}}");

        HttpResponse<String> response = post("repository", newDeliveryId(), SIGNATURE.sign(body), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("repository.full_name is missing");
    }

    @Test
    void refusesADeclaredBodyOverTwentyFiveMebibytesWithoutReadingIt() throws Exception {
        String id = newDeliveryId();
        long size = LIMIT + 1;
        double before = count("push", "too_large");
        var filler = new FillerStream(size);
        BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> filler), size);

        // With Expect: 100-continue the client sends the body only once the server starts reading it; a client
        // without it gets the same 413, then a closed connection once Tomcat stops swallowing the unread body.
        HttpResponse<String> response = send(request("push", id, streamedSignature(size))
                .expectContinue(true)
                .POST(body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .contains("\"status\":\"too_large\"", "body of 26214401 bytes exceeds the limit of 26214400 bytes");
        assertThat(filler.produced()).as("body bytes sent").isZero();
        assertThat(inbox.deliveries()).noneMatch(d -> d.deliveryId().equals(id));
        assertThat(count("push", "too_large") - before).isEqualTo(1.0);
    }

    @Test
    void refusesAChunkedBodyOverTwentyFiveMebibytes() throws Exception {
        String id = newDeliveryId();
        long size = LIMIT + 1;
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new FillerStream(size));

        HttpResponse<String> response =
                send(request("push", id, streamedSignature(size)).POST(chunked));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("chunked body exceeds the limit of 26214400 bytes");
        assertThat(inbox.deliveries()).noneMatch(d -> d.deliveryId().equals(id));
    }

    /** A refused delivery left no trace: the same id, now properly signed, is accepted as new. */
    private void assertNothingRecordedFor(String id, byte[] body) throws Exception {
        assertThat(inbox.deliveries()).noneMatch(d -> d.deliveryId().equals(id));
        assertThat(post("push", id, SIGNATURE.sign(body), body).statusCode()).isEqualTo(202);
    }

    private HttpResponse<String> post(String event, String delivery, String signature, byte[] body)
            throws IOException, InterruptedException {
        return send(request(event, delivery, signature)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String event, String delivery, String signature) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/github"))
                .header("User-Agent", "GitHub-Hookshot/7e0b1fa")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header("X-GitHub-Hook-ID", "487215390");
        return signature == null ? request : request.header(WebhookSignature.HEADER, signature);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private GithubDelivery delivered(String id) {
        return inbox.deliveries().stream()
                .filter(d -> d.deliveryId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("delivery " + id + " was not handed on"));
    }

    private double count(String event, String result) {
        var counter = meters.find(DeliveryIntake.METRIC)
                .tags("event", event, "result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** What GitHub would sign for a filler body, computed while streaming it rather than holding it. */
    private static String streamedSignature(long size) throws IOException, GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        try (InputStream in = new FillerStream(size)) {
            in.transferTo(new OutputStream() {
                @Override
                public void write(int b) {
                    mac.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    mac.update(b, off, len);
                }
            });
        }
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal());
    }

    private static String newDeliveryId() {
        return UUID.randomUUID().toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A web server with the receiver alone: its configuration, Spring MVC and JSON, and a meter registry. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class
    })
    @Import(GithubWebhookConfiguration.class)
    static class ReceiverOnly {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
