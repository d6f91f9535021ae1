package dev.ferry.notifier.domain;

/** Where a posted message is: its channel and its timestamp, which Slack uses as its id. */
public record MessageRef(String channel, String ts) {}
