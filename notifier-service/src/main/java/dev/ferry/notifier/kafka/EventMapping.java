package dev.ferry.notifier.kafka;

import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.EventMetadata;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.RollbackTiming;
import dev.ferry.contracts.avro.ServiceSummary;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.notifier.domain.Action;
import dev.ferry.notifier.domain.EventRef;
import dev.ferry.notifier.domain.MigrationEvent;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Translates Ferry's Avro events into the notifier's own; the only place that knows both. */
final class EventMapping {

    private EventMapping() {}

    /**
     * Whether people hear about the record. Of {@code step.progress} only a traffic shift's steps (a weight set, a
     * weight held, the rollback to 0 %): heartbeats and job output would flood the thread, and every record taken in
     * is saved.
     */
    static boolean told(SpecificRecord record) {
        if (!(record instanceof StepProgress progress)) {
            return true;
        }
        String line = progress.getMessage();
        return progress.getAction() == PhaseAction.SHIFT_TRAFFIC
                && line != null
                && TRAFFIC_STEPS.stream().anyMatch(line::startsWith);
    }

    /** How deploy-service begins the lines that mark a traffic shift's steps. */
    private static final List<String> TRAFFIC_STEPS = List.of("set ", "held ", "Traffic set back to 0%");

    /** The notifier's view of a record; throws IllegalArgumentException for a type it does not listen to. */
    static MigrationEvent toDomain(SpecificRecord record) {
        return switch (record) {
            case PhaseStarted e ->
                new MigrationEvent.PhaseStarted(
                        ref(e.getMetadata()),
                        e.getPlanName(),
                        e.getPhase(),
                        action(e.getAction()),
                        e.getEnvironment(),
                        e.getAttempt(),
                        e.getServices().stream().map(ServiceWork::getService).toList(),
                        e.getApprovedBy());
            case RepoSplit e ->
                new MigrationEvent.RepoSplit(ref(e.getMetadata()), e.getPhase(), e.getService(), e.getTargetCommit());
            case StepSucceeded e ->
                new MigrationEvent.StepSucceeded(ref(e.getMetadata()), e.getPhase(), e.getService());
            case ImagePushed e ->
                new MigrationEvent.ImagePushed(
                        ref(e.getMetadata()), e.getPhase(), e.getService(), e.getImageReference());
            case DeploySynced e ->
                new MigrationEvent.DeploySynced(
                        ref(e.getMetadata()),
                        e.getPhase(),
                        e.getService(),
                        e.getEnvironment(),
                        e.getImageTag(),
                        e.getRollback());
            case StepFailed e ->
                new MigrationEvent.StepFailed(
                        ref(e.getMetadata()),
                        e.getPhase(),
                        e.getService(),
                        action(e.getAction()),
                        e.getAttempt(),
                        e.getErrorKind().name(),
                        e.getReason(),
                        e.getRetryable(),
                        e.getDetailsUrl());
            case PhaseCompleted e ->
                new MigrationEvent.PhaseCompleted(
                        ref(e.getMetadata()),
                        e.getPhase(),
                        action(e.getAction()),
                        e.getEnvironment(),
                        e.getOutcome().name(),
                        e.getServicesSucceeded(),
                        e.getServicesFailed(),
                        e.getDurationMillis(),
                        e.getApprovedBy());
            case MigrationFinished e ->
                new MigrationEvent.MigrationFinished(
                        ref(e.getMetadata()),
                        e.getPlanName(),
                        e.getOutcome().name(),
                        e.getServices().stream().map(EventMapping::summary).toList(),
                        e.getDeploySuccessRate(),
                        e.getDurationMillis());
            case StepProgress e ->
                new MigrationEvent.TrafficStep(ref(e.getMetadata()), e.getPhase(), e.getService(), e.getMessage());
            case CommandRejected e ->
                new MigrationEvent.CommandRejected(
                        ref(e.getMetadata()),
                        e.getCommandType(),
                        e.getIssuedBy().getName() + " (" + e.getIssuedBy().getChannel() + ")",
                        e.getReason(),
                        e.getMigrationState());
            default ->
                throw new IllegalArgumentException("the notifier does not handle "
                        + record.getClass().getName() + "; it listens to " + NotifierListener.TOPICS);
        };
    }

    private static MigrationEvent.ServiceSummary summary(ServiceSummary s) {
        List<MigrationEvent.Rollback> rollbacks =
                s.getRollbacks().stream().map(EventMapping::rollback).toList();
        return new MigrationEvent.ServiceSummary(
                s.getService(), s.getLeadTimeMillis(), s.getDeploysAttempted(), s.getDeploysSucceeded(), rollbacks);
    }

    private static MigrationEvent.Rollback rollback(RollbackTiming r) {
        return new MigrationEvent.Rollback(r.getEnvironment(), r.getDurationMillis());
    }

    private static EventRef ref(EventMetadata metadata) {
        return new EventRef(String.valueOf(metadata.getEventId()), metadata.getMigrationId(), metadata.getOccurredAt());
    }

    private static Action action(PhaseAction action) {
        return Action.ofSymbol(action.name());
    }
}
