package dev.ferry.planner.github;

/**
 * Where a verified, parsed GitHub delivery goes: the planner records it and hands it on (to {@code github.webhooks},
 * and for a push to a migrated repository's default branch, to its continuous-delivery phases).
 *
 * <p>Contract: idempotent by {@link GithubDelivery#deliveryId()}. GitHub keeps the same id when it redelivers an event,
 * so a second {@code accept} of a known id returns {@link InboxResult#DUPLICATE} and has no effect. {@code ACCEPTED}
 * means the delivery is durably recorded (for the planner: the id and the outbox row committed in one transaction). An
 * exception means nothing was recorded; the web edge answers 503 so that the delivery can be redelivered.
 */
public interface WebhookInbox {

    InboxResult accept(GithubDelivery delivery);
}
