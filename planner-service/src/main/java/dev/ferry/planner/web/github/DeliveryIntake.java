package dev.ferry.planner.web.github;

import dev.ferry.planner.github.DeliveryParser;
import dev.ferry.planner.github.GithubDelivery;
import dev.ferry.planner.github.InboxResult;
import dev.ferry.planner.github.ParsedDelivery;
import dev.ferry.planner.github.SignatureVerdict;
import dev.ferry.planner.github.SupportedEvent;
import dev.ferry.planner.github.WebhookInbox;
import dev.ferry.planner.github.WebhookSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Takes one delivery through the receiver's steps: refuse on headers alone (no secret, no or malformed signature, bad
 * headers, declared length over the limit), read the body within the limit, verify the signature, then ignore, answer
 * a ping, or parse and hand on to the {@link WebhookInbox}. Each delivery is counted and logged once.
 */
final class DeliveryIntake {

    static final String METRIC = "ferry.webhook.deliveries";
    static final String NO_SECRET = "no webhook secret is configured on this planner: set "
            + "ferry.planner.github.webhook-secret (env FERRY_GITHUB_WEBHOOK_SECRET); unsigned deliveries are refused";

    /** MDC key of the delivery id, so that the inbox's own log lines carry it too. */
    private static final String MDC_DELIVERY = "githubDelivery";

    private static final Logger log = LoggerFactory.getLogger(DeliveryIntake.class);
    /**
     * GitHub gives up on a delivery whose answer takes more than 10 s, so a body still arriving after that is not one
     * of its deliveries: it is someone holding a connection (and its buffer) open.
     */
    static final Duration READ_TIME = Duration.ofSeconds(10);

    private final WebhookSignature signature;
    private final int maxBodyBytes;
    private final WebhookInbox inbox;
    private final MeterRegistry meters;

    /** @param signature null when no secret is configured: then every delivery is refused */
    DeliveryIntake(WebhookSignature signature, int maxBodyBytes, WebhookInbox inbox, MeterRegistry meters) {
        this.signature = signature;
        this.maxBodyBytes = maxBodyBytes;
        this.inbox = inbox;
        this.meters = meters;
    }

    Receipt receive(DeliveryRequest request, InputStream body) {
        MDC.put(MDC_DELIVERY, Objects.requireNonNullElse(request.safeDeliveryId(), "none"));
        try {
            Receipt receipt = refuseOnHeaders(request).orElseGet(() -> readAndRoute(request, body));
            count(receipt);
            log(receipt);
            return receipt;
        } finally {
            MDC.remove(MDC_DELIVERY);
        }
    }

    private Optional<Receipt> refuseOnHeaders(DeliveryRequest request) {
        if (signature == null) {
            return Optional.of(Receipt.refused(DeliveryResult.UNAUTHORIZED, request, NO_SECRET));
        }
        Optional<SignatureVerdict> malformed = WebhookSignature.formatProblem(request.signature());
        if (malformed.isPresent()) {
            return Optional.of(Receipt.refused(
                    DeliveryResult.UNAUTHORIZED, request, malformed.get().problem()));
        }
        String headerProblem = request.headerProblem();
        if (headerProblem != null) {
            return Optional.of(Receipt.refused(DeliveryResult.BAD_REQUEST, request, headerProblem));
        }
        if (request.contentLength() > maxBodyBytes) {
            return Optional.of(tooLarge(request, "body of " + request.contentLength() + " bytes"));
        }
        return Optional.empty();
    }

    private Receipt readAndRoute(DeliveryRequest request, InputStream body) {
        Optional<byte[]> raw;
        try {
            raw = BoundedBody.read(body, request.contentLength(), maxBodyBytes, READ_TIME);
        } catch (IOException e) {
            return Receipt.refused(DeliveryResult.BAD_REQUEST, request, "body could not be read: " + e.getMessage());
        }
        if (raw.isEmpty()) {
            return tooLarge(request, "chunked body");
        }
        SignatureVerdict verdict = signature.verify(request.signature(), raw.get());
        if (verdict != SignatureVerdict.VALID) {
            return Receipt.refused(DeliveryResult.UNAUTHORIZED, request, verdict.problem());
        }
        return route(request, raw.get());
    }

    private Receipt route(DeliveryRequest request, byte[] raw) {
        Optional<SupportedEvent> event = SupportedEvent.named(request.event());
        if (event.isEmpty()) {
            return Receipt.answered(DeliveryResult.IGNORED, request);
        }
        if (event.get() == SupportedEvent.PING) {
            // A ping only proves that the hook and the secret work; it changes no repository, so nothing is handed on.
            return Receipt.answered(DeliveryResult.PINGED, request);
        }
        return parseAndHandOn(request, event.get(), raw);
    }

    private Receipt parseAndHandOn(DeliveryRequest request, SupportedEvent event, byte[] raw) {
        Optional<String> payload;
        try {
            payload = request.formEncoded()
                    ? FormPayload.extract(raw)
                    : Optional.of(new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Receipt.refused(DeliveryResult.BAD_REQUEST, request, e.getMessage());
        }
        if (payload.isEmpty()) {
            return Receipt.refused(DeliveryResult.BAD_REQUEST, request, "form-encoded body lacks the payload field");
        }
        return switch (DeliveryParser.parse(event, request.deliveryId(), payload.get())) {
            case ParsedDelivery.Invalid invalid ->
                Receipt.refused(DeliveryResult.BAD_REQUEST, request, invalid.summary());
            case ParsedDelivery.Valid valid -> handOn(request, valid.delivery());
        };
    }

    private Receipt handOn(DeliveryRequest request, GithubDelivery delivery) {
        InboxResult result;
        try {
            result = inbox.accept(delivery);
        } catch (RuntimeException e) {
            log.error(
                    "github webhook inbox failed delivery={} event={}", delivery.deliveryId(), delivery.eventType(), e);
            return Receipt.refused(
                    DeliveryResult.FAILED, request, "the delivery could not be recorded; redeliver it from GitHub");
        }
        DeliveryResult answer =
                switch (result) {
                    case ACCEPTED -> DeliveryResult.ACCEPTED;
                    case DUPLICATE -> DeliveryResult.DUPLICATE;
                };
        return Receipt.handedOn(answer, request, delivery.repository());
    }

    private Receipt tooLarge(DeliveryRequest request, String what) {
        return Receipt.refused(
                DeliveryResult.TOO_LARGE,
                request,
                what + " exceeds the limit of " + maxBodyBytes + " bytes (ferry.planner.github.max-body-bytes)");
    }

    private void count(Receipt receipt) {
        Counter.builder(METRIC)
                .description("GitHub webhook deliveries by event and result")
                .tag("event", receipt.request().eventTag())
                .tag("result", receipt.result().tag())
                .register(meters)
                .increment();
    }

    private static void log(Receipt receipt) {
        Level level =
                switch (receipt.result()) {
                    case ACCEPTED, DUPLICATE, IGNORED, PINGED -> Level.INFO;
                    case UNAUTHORIZED, TOO_LARGE, BAD_REQUEST, FAILED -> Level.WARN;
                };
        DeliveryRequest request = receipt.request();
        String problem = receipt.problem() == null ? "" : " problem=\"" + receipt.problem() + "\"";
        log.atLevel(level)
                .log(
                        "github webhook result={} event={} delivery={} repository={}{}",
                        receipt.result().tag(),
                        request.safeEvent(),
                        request.safeDeliveryId(),
                        receipt.repository(),
                        problem);
    }
}
