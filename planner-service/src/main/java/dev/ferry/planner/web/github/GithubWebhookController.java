package dev.ferry.planner.web.github;

import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/github}: GitHub's deliveries in. The body is taken as a raw stream, not bound by Spring, so that
 * its length is capped while reading and the signature is checked over the exact bytes GitHub signed.
 */
@RestController
class GithubWebhookController {

    static final String PATH = "/webhooks/github";

    private final DeliveryIntake intake;

    GithubWebhookController(DeliveryIntake intake) {
        this.intake = intake;
    }

    @PostMapping(PATH)
    ResponseEntity<WebhookReply> receive(@RequestHeader HttpHeaders headers, InputStream body) {
        Receipt receipt = intake.receive(DeliveryRequest.of(headers), body);
        var response = ResponseEntity.status(receipt.result().status());
        if (receipt.result() == DeliveryResult.TOO_LARGE) {
            // The rest of the body is not read: the connection cannot carry another request.
            response.header(HttpHeaders.CONNECTION, "close");
        }
        return response.body(receipt.reply());
    }
}
