package dev.ferry.deploy.domain;

import java.util.List;
import java.util.Optional;

/**
 * What an Argo CD {@code Application} says about itself, reduced to what deciding a deploy needs.
 *
 * @param syncStatus {@code status.sync.status}: Synced, OutOfSync or Unknown
 * @param syncRevision {@code status.sync.revision}: the git revision the live state was compared with
 * @param healthStatus {@code status.health.status}: Healthy, Progressing, Degraded, Suspended, Missing or Unknown
 * @param autoSync whether {@code spec.syncPolicy.automated} is set
 * @param operationPhase {@code status.operationState.phase} of the last sync operation: Running, Succeeded, Failed,
 *     Error or Terminating
 * @param operationRevision the revision that operation synced to
 * @param operationPending whether a requested sync ({@code operation}) has not been picked up yet
 * @param messages the application's own words: health message, operation message, conditions and unhealthy resources
 */
public record ArgoApplicationState(
        String syncStatus,
        Optional<String> syncRevision,
        String healthStatus,
        boolean autoSync,
        Optional<String> operationPhase,
        Optional<String> operationRevision,
        boolean operationPending,
        List<String> messages) {

    public ArgoApplicationState {
        syncStatus = syncStatus == null ? "Unknown" : syncStatus;
        healthStatus = healthStatus == null ? "Unknown" : healthStatus;
        messages = List.copyOf(messages);
    }

    boolean operationFailed() {
        return operationPhase
                .filter(p -> p.equals("Failed") || p.equals("Error"))
                .isPresent();
    }

    String describe() {
        return "sync " + syncStatus
                + syncRevision.map(r -> " at " + shortSha(r)).orElse("") + ", health "
                + healthStatus
                + operationPhase.map(p -> ", last operation " + p).orElse("")
                + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
    }

    static String shortSha(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
