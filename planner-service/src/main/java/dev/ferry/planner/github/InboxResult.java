package dev.ferry.planner.github;

/** What a {@link WebhookInbox} did with a delivery. */
public enum InboxResult {
    /** Recorded for the first time and handed on. */
    ACCEPTED,
    /** Its delivery id was already recorded; nothing was done again. */
    DUPLICATE
}
