package dev.ferry.planner.web.github;

/**
 * What the receiver decided about one delivery: the result, the reply to send, and what to log.
 *
 * @param repository owner/name once the body was parsed, else null
 * @param problem what was wrong, for a refusal; null otherwise
 */
record Receipt(DeliveryResult result, DeliveryRequest request, String repository, String problem) {

    static Receipt refused(DeliveryResult result, DeliveryRequest request, String problem) {
        return new Receipt(result, request, null, problem);
    }

    static Receipt answered(DeliveryResult result, DeliveryRequest request) {
        return new Receipt(result, request, null, null);
    }

    static Receipt handedOn(DeliveryResult result, DeliveryRequest request, String repository) {
        return new Receipt(result, request, repository, null);
    }

    WebhookReply reply() {
        return new WebhookReply(result.tag(), request.safeEvent(), request.safeDeliveryId(), problem);
    }
}
