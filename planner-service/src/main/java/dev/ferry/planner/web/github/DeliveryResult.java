package dev.ferry.planner.web.github;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/** How the receiver answered a delivery: the HTTP status, and the {@code result} tag of the deliveries counter. */
enum DeliveryResult {
    ACCEPTED(HttpStatus.ACCEPTED),
    DUPLICATE(HttpStatus.OK),
    IGNORED(HttpStatus.ACCEPTED),
    PINGED(HttpStatus.OK),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
    BAD_REQUEST(HttpStatus.BAD_REQUEST),
    /** The inbox failed: nothing was recorded and GitHub's redelivery can bring the delivery again. */
    FAILED(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    DeliveryResult(HttpStatus status) {
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
