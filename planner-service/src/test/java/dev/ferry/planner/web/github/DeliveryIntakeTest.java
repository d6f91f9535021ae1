package dev.ferry.planner.web.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.planner.github.GithubDelivery;
import dev.ferry.planner.github.InMemoryWebhookInbox;
import dev.ferry.planner.github.Payloads;
import dev.ferry.planner.github.WebhookSignature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The receiver's steps without HTTP: the cases the endpoint test does not cover. */
class DeliveryIntakeTest {

    private static final String SECRET = "correct horse battery staple";
    private static final WebhookSignature SIGNATURE = WebhookSignature.withSecret(SECRET);
    private static final String DELIVERY = "d2a5c0e4-0f4b-11f0-8d5e-3f1c2b6a9e71";

    private final InMemoryWebhookInbox inbox = new InMemoryWebhookInbox();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void refusesEveryDeliveryWhenNoSecretIsConfigured() {
        var intake = new DeliveryIntake(null, 1024 * 1024, inbox, meters);
        byte[] body = Payloads.read("push.json").getBytes(StandardCharsets.UTF_8);
        var unread = new FillerStream(10);

        Receipt receipt = intake.receive(request("push", SIGNATURE.sign(body), body.length, false), unread);

        assertThat(receipt.result().status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(receipt.reply().error()).contains("no webhook secret is configured", "FERRY_GITHUB_WEBHOOK_SECRET");
        assertThat(unread.produced()).isZero();
        assertThat(inbox.deliveries()).isEmpty();
    }

    @Test
    void refusesAMissingSignatureWithoutReadingTheBody() {
        var unread = new FillerStream(100);

        Receipt receipt = intake().receive(request("push", null, 100, false), unread);

        assertThat(receipt.result()).isEqualTo(DeliveryResult.UNAUTHORIZED);
        assertThat(receipt.reply().error()).startsWith("missing header X-Hub-Signature-256");
        assertThat(unread.produced()).isZero();
    }

    @Test
    void cutsOffAChunkedBodyOverTheLimit() {
        var endless = new FillerStream(Long.MAX_VALUE);
        var intake = new DeliveryIntake(SIGNATURE, 4096, inbox, meters);

        Receipt receipt = intake.receive(request("push", SIGNATURE.sign(new byte[0]), -1, false), endless);

        assertThat(receipt.result().status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(receipt.reply().error())
                .isEqualTo("chunked body exceeds the limit of 4096 bytes " + "(ferry.planner.github.max-body-bytes)");
        assertThat(endless.produced()).isLessThan(4096 + 64 * 1024 + 1);
    }

    @Test
    void acceptsAFormEncodedDelivery() {
        String json = Payloads.read("repository-archived.json");
        byte[] form =
                ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);

        Receipt receipt = intake().receive(request("repository", SIGNATURE.sign(form), form.length, true), in(form));

        assertThat(receipt.result()).isEqualTo(DeliveryResult.ACCEPTED);
        assertThat(inbox.deliveries())
                .singleElement()
                .extracting(GithubDelivery::payload, GithubDelivery::action)
                .containsExactly(json, "archived");
    }

    @Test
    void refusesAFormWithoutThePayloadField() {
        byte[] form = "data=%7B%7D".getBytes(StandardCharsets.US_ASCII);

        Receipt receipt = intake().receive(request("repository", SIGNATURE.sign(form), form.length, true), in(form));

        assertThat(receipt.result()).isEqualTo(DeliveryResult.BAD_REQUEST);
        assertThat(receipt.reply().error()).isEqualTo("form-encoded body lacks the payload field");
    }

    @Test
    void answersAPingWithoutHandingItOn() {
        byte[] body = Payloads.read("ping.json").getBytes(StandardCharsets.UTF_8);

        Receipt receipt = intake().receive(request("ping", SIGNATURE.sign(body), body.length, false), in(body));

        assertThat(receipt.result().status()).isEqualTo(HttpStatus.OK);
        assertThat(receipt.reply().status()).isEqualTo("pinged");
        assertThat(inbox.deliveries()).isEmpty();
    }

    @Test
    void acknowledgesAnEventFerryDoesNotActOnWhateverItsName() {
        byte[] body = "{\"action\":\"edited\",\"projects_v2_item\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8);

        Receipt receipt =
                intake().receive(request("projects_v2_item", SIGNATURE.sign(body), body.length, false), in(body));

        assertThat(receipt.result()).isEqualTo(DeliveryResult.IGNORED);
        assertThat(receipt.result().status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(receipt.reply().error()).isNull();
        assertThat(inbox.deliveries()).isEmpty();
    }

    @Test
    void answersAnInboxFailureSoThatGithubCanRedeliver() {
        var intake = new DeliveryIntake(
                SIGNATURE,
                1024 * 1024,
                delivery -> {
                    throw new IllegalStateException("database is down");
                },
                meters);
        byte[] body = Payloads.read("push.json").getBytes(StandardCharsets.UTF_8);

        Receipt receipt = intake.receive(request("push", SIGNATURE.sign(body), body.length, false), in(body));

        assertThat(receipt.result().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(receipt.reply().error()).contains("redeliver").doesNotContain("database");
        assertThat(meters.get(DeliveryIntake.METRIC)
                        .tags("event", "push", "result", "failed")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void refusesMissingOrMalformedGithubHeaders() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signed = SIGNATURE.sign(body);

        var noDelivery = new DeliveryRequest("push", null, signed, body.length, false);
        var badEvent = new DeliveryRequest("push\nforged=1", DELIVERY, signed, body.length, false);
        var badDelivery = new DeliveryRequest("push", "id with spaces", signed, body.length, false);

        assertThat(intake().receive(noDelivery, in(body)).reply().error())
                .isEqualTo("missing header X-GitHub-Delivery");
        assertThat(intake().receive(badEvent, in(body)).reply())
                .extracting(WebhookReply::error, WebhookReply::event)
                .containsExactly("malformed header X-GitHub-Event: expected an event name such as push", null);
        assertThat(intake().receive(badDelivery, in(body)).reply().delivery()).isNull();
        assertThat(meters.get(DeliveryIntake.METRIC)
                        .tags("event", "unsupported", "result", "bad_request")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    private DeliveryIntake intake() {
        return new DeliveryIntake(SIGNATURE, 1024 * 1024, inbox, meters);
    }

    private static DeliveryRequest request(String event, String signature, long length, boolean form) {
        return new DeliveryRequest(event, DELIVERY, signature, length, form);
    }

    private static InputStream in(byte[] body) {
        return new ByteArrayInputStream(body);
    }
}
