package dev.ferry.planner.github;

import java.util.Arrays;
import java.util.Optional;

/** The {@code X-GitHub-Event} values Ferry acts on; any other event is acknowledged and ignored. */
public enum SupportedEvent {
    PING("ping"),
    PUSH("push"),
    WORKFLOW_RUN("workflow_run"),
    REGISTRY_PACKAGE("registry_package"),
    REPOSITORY("repository");

    private final String headerValue;

    SupportedEvent(String headerValue) {
        this.headerValue = headerValue;
    }

    public static Optional<SupportedEvent> named(String headerValue) {
        return Arrays.stream(values())
                .filter(event -> event.headerValue.equals(headerValue))
                .findFirst();
    }

    public String headerValue() {
        return headerValue;
    }
}
