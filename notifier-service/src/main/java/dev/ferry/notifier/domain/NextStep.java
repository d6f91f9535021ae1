package dev.ferry.notifier.domain;

/** The next thing to do for a run, in order: open its threads, post its replies, bring its grids up to date. */
public sealed interface NextStep {

    record OpenThread(String channel) implements NextStep {}

    /** Post {@code delivery}; {@code thread} is its parent, null for a message of its own. */
    record Post(Delivery delivery, MessageRef thread) implements NextStep {}

    record ShowGrid(ChatThread thread) implements NextStep {}

    record Nothing() implements NextStep {}
}
