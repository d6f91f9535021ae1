package dev.ferry.deploy.domain;

import java.util.Optional;

/**
 * How the cluster took a deploy: what was tracked, what it reached, and what a person should know.
 *
 * @param target the Argo CD application or {@code namespace/deployment}; empty when no cluster is tracked
 * @param syncedRevision the GitOps revision the cluster runs, when it reports one
 */
public record SyncReport(
        Optional<String> target, Sync sync, Health health, Optional<String> syncedRevision, Optional<String> message) {

    /** Whether the cluster matches the GitOps repository. */
    public enum Sync {
        SYNCED,
        OUT_OF_SYNC,
        NOT_TRACKED,
        UNKNOWN
    }

    /** Argo CD's health vocabulary, also used for a Deployment's rollout. */
    public enum Health {
        HEALTHY,
        PROGRESSING,
        DEGRADED,
        SUSPENDED,
        MISSING,
        NOT_TRACKED,
        UNKNOWN
    }

    /** The same report with {@code note} after its message. */
    public SyncReport withNote(String note) {
        return new SyncReport(
                target,
                sync,
                health,
                syncedRevision,
                Optional.of(message.map(m -> m + " ").orElse("") + note));
    }

    public static SyncReport notTracked(String message) {
        return new SyncReport(
                Optional.empty(), Sync.NOT_TRACKED, Health.NOT_TRACKED, Optional.empty(), Optional.of(message));
    }
}
