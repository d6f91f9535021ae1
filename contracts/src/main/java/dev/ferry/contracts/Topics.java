package dev.ferry.contracts;

import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.EventMetadata;
import dev.ferry.contracts.avro.GithubWebhook;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalog of Ferry's topics.
 *
 * <p>Keys: everything about one service of one migration is keyed {@code migrationId/service}, so it stays in order on
 * one partition while different services spread over partitions and instances. Records about a whole migration
 * (commands, phases, its end) are keyed by migration id; GitHub deliveries by repository, since they arrive before
 * anyone knows which run they concern.
 */
public final class Topics {

    public static final Topic<MigrationCommand> MIGRATION_COMMANDS =
            new Topic<>("migration.commands", 6, MigrationCommand.class, r -> migrationKey(r.getMetadata()));
    public static final Topic<PhaseStarted> PHASE_STARTED =
            new Topic<>("phase.started", 6, PhaseStarted.class, r -> migrationKey(r.getMetadata()));
    public static final Topic<RepoSplit> REPO_SPLIT =
            new Topic<>("repo.split", 12, RepoSplit.class, r -> serviceKey(r.getMetadata(), r.getService()));
    public static final Topic<SourceArchived> REPO_ARCHIVED =
            new Topic<>("repo.archived", 12, SourceArchived.class, r -> serviceKey(r.getMetadata(), r.getService()));
    public static final Topic<ImagePushed> IMAGE_PUSHED =
            new Topic<>("image.pushed", 12, ImagePushed.class, r -> serviceKey(r.getMetadata(), r.getService()));
    public static final Topic<DeploySynced> DEPLOY_SYNCED =
            new Topic<>("deploy.synced", 12, DeploySynced.class, r -> serviceKey(r.getMetadata(), r.getService()));
    public static final Topic<StepFailed> STEP_FAILED =
            new Topic<>("step.failed", 12, StepFailed.class, r -> serviceKey(r.getMetadata(), r.getService()));
    public static final Topic<StepSucceeded> STEP_SUCCEEDED =
            new Topic<>("step.succeeded", 12, StepSucceeded.class, r -> serviceKey(r.getMetadata(), r.getService()));
    public static final Topic<StepProgress> STEP_PROGRESS =
            new Topic<>("step.progress", 12, StepProgress.class, r -> serviceKey(r.getMetadata(), r.getService()));
    public static final Topic<PhaseCompleted> PHASE_COMPLETED =
            new Topic<>("phase.completed", 6, PhaseCompleted.class, r -> migrationKey(r.getMetadata()));
    public static final Topic<MigrationFinished> MIGRATION_FINISHED =
            new Topic<>("migration.finished", 6, MigrationFinished.class, r -> migrationKey(r.getMetadata()));
    public static final Topic<CommandRejected> COMMAND_REJECTED =
            new Topic<>("command.rejected", 6, CommandRejected.class, r -> migrationKey(r.getMetadata()));
    public static final Topic<GithubWebhook> GITHUB_WEBHOOKS =
            new Topic<>("github.webhooks", 6, GithubWebhook.class, GithubWebhook::getRepository);

    static {
        ContractsTrust.install();
    }

    private static final List<Topic<?>> ALL = List.of(
            MIGRATION_COMMANDS,
            PHASE_STARTED,
            REPO_SPLIT,
            REPO_ARCHIVED,
            IMAGE_PUSHED,
            DEPLOY_SYNCED,
            STEP_FAILED,
            STEP_SUCCEEDED,
            STEP_PROGRESS,
            PHASE_COMPLETED,
            MIGRATION_FINISHED,
            COMMAND_REJECTED,
            GITHUB_WEBHOOKS);

    private static final Map<String, Topic<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Topic::name, Function.identity()));
    private static final Map<Class<?>, Topic<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Topic::valueType, Function.identity()));

    private Topics() {}

    public static List<Topic<?>> all() {
        return ALL;
    }

    public static Optional<Topic<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The topic a record of this type is written to; every contract type has exactly one. */
    public static Topic<?> carrying(Class<? extends SpecificRecord> type) {
        Topic<?> topic = BY_TYPE.get(type);
        if (topic == null) {
            throw new IllegalArgumentException(type.getName() + " is not a top-level Ferry event or command");
        }
        return topic;
    }

    static String migrationKey(EventMetadata metadata) {
        return metadata.getMigrationId();
    }

    static String serviceKey(EventMetadata metadata, String service) {
        return service == null ? metadata.getMigrationId() : metadata.getMigrationId() + "/" + service;
    }
}
