package dev.ferry.notifier.domain;

/** What a phase does, as people read it in the channel. */
public enum Action {
    SPLIT,
    BUILD,
    DEPLOY,
    ROLLBACK,
    ARCHIVE,
    GATE,
    UNKNOWN;

    String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
