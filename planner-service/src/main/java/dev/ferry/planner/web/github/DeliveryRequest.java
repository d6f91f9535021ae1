package dev.ferry.planner.web.github;

import dev.ferry.planner.github.SupportedEvent;
import dev.ferry.planner.github.WebhookSignature;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * The headers of a delivery that the receiver reads. Until the signature is verified they come from anyone, so only
 * values of a safe shape are echoed, logged or used as metric tags.
 *
 * @param contentLength the declared body length, -1 for a chunked body
 * @param formEncoded the webhook is set to {@code application/x-www-form-urlencoded}: the JSON is in {@code payload=}
 */
record DeliveryRequest(String event, String deliveryId, String signature, long contentLength, boolean formEncoded) {

    static final String EVENT_HEADER = "X-GitHub-Event";
    static final String DELIVERY_HEADER = "X-GitHub-Delivery";

    // GitHub's event names are lower case words joined by underscores, some with digits (projects_v2_item).
    private static final Pattern EVENT_SHAPE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern DELIVERY_SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String FORM = "application/x-www-form-urlencoded";

    static DeliveryRequest of(HttpHeaders headers) {
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        return new DeliveryRequest(
                headers.getFirst(EVENT_HEADER),
                headers.getFirst(DELIVERY_HEADER),
                headers.getFirst(WebhookSignature.HEADER),
                headers.getContentLength(),
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM));
    }

    /** What is wrong with the event and delivery headers, or null. */
    String headerProblem() {
        if (event == null) {
            return "missing header " + EVENT_HEADER;
        }
        if (!EVENT_SHAPE.matcher(event).matches()) {
            return "malformed header " + EVENT_HEADER + ": expected an event name such as push";
        }
        if (deliveryId == null) {
            return "missing header " + DELIVERY_HEADER;
        }
        if (!DELIVERY_SHAPE.matcher(deliveryId).matches()) {
            return "malformed header " + DELIVERY_HEADER + ": expected a GUID";
        }
        return null;
    }

    /** The event as a metric tag: a supported event's name, else "unsupported" or "none", so tags stay few. */
    String eventTag() {
        if (event == null) {
            return "none";
        }
        return SupportedEvent.named(event).map(SupportedEvent::headerValue).orElse("unsupported");
    }

    String safeEvent() {
        return event != null && EVENT_SHAPE.matcher(event).matches() ? event : null;
    }

    String safeDeliveryId() {
        return deliveryId != null && DELIVERY_SHAPE.matcher(deliveryId).matches() ? deliveryId : null;
    }

    @Override
    public String toString() {
        return "DeliveryRequest[event=" + safeEvent() + ", deliveryId=" + safeDeliveryId() + ", contentLength="
                + contentLength + ", formEncoded=" + formEncoded + "]";
    }
}
