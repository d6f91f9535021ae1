package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.repo.github.GithubRepositories;
import dev.ferry.repo.github.GithubSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Carries out repo-service's phases: a {@code split} phase ({@link SplitPhase}) splits the services that share a source
 * repository and revision in one walk and pushes each split to its own target; a {@code scaffold} phase
 * ({@link ScaffoldPhase}) commits files made from templates into each target; a {@code configure-repository} phase
 * ({@link ConfigureRepositoryPhase}) sets each GitHub target's protection, secrets, variables and webhook; an
 * {@code archive} phase
 * ({@link ArchivePhase}) is the cutover of the source repository and an {@code unarchive} phase ({@link UnarchivePhase})
 * its rollback; a {@code merge} phase ({@link MergePhase}) brings other repositories into the source. Every service gets its result or a {@code step.failed}
 * saying exactly why. Nothing here knows Kafka; the caller publishes.
 *
 * <p>Safe to repeat: a repeated phase continues from the saved split state (walking nothing new) and pushes what the
 * target already has, so a redelivered {@code phase.started} changes nothing and reports the same commits; a repeated
 * scaffold finds every file written and commits nothing.
 */
public final class RepoPhaseHandler {

    /**
     * Parameter naming the credential for a private source repository; the source spec has no credential field, so the
     * plan passes it as a service parameter.
     */
    public static final String SOURCE_CREDENTIAL = "sourceCredentialRef";

    private static final Set<PhaseAction> ACTIONS = EnumSet.of(
            PhaseAction.RESTRUCTURE,
            PhaseAction.RESTORE,
            PhaseAction.SPLIT,
            PhaseAction.SCAFFOLD,
            PhaseAction.CONFIGURE_REPOSITORY,
            PhaseAction.ARCHIVE,
            PhaseAction.MERGE,
            PhaseAction.UNARCHIVE);

    /**
     * Where GitHub lives for this installation: hosts whose clone URLs are GitHub repositories, and its REST API for
     * repositories and for their settings.
     */
    public record Github(Set<String> hosts, GithubRepositories api, GithubSettings settings) {}

    private final SplitPhase split;
    private final ArchivePhase archive;
    private final ScaffoldPhase scaffold;
    private final ConfigureRepositoryPhase configure;
    private final RestructurePhase restructure;
    private final RestorePhase restore;
    private final MergePhase merge;
    private final UnarchivePhase unarchive;

    public RepoPhaseHandler(
            Path dataDirectory, Github github, CredentialStore credentials, MetadataFactory metadata, Clock clock) {
        var workspace = new SourceWorkspace(dataDirectory, credentials);
        var failures = new StepFailures(metadata);
        var push = new TargetPush(github, credentials, failures, metadata, clock);
        this.split = new SplitPhase(workspace, push, new ProgressReporter(metadata, clock), failures, clock);
        this.archive = new ArchivePhase(workspace, github, failures, metadata, clock);
        this.scaffold = new ScaffoldPhase(workspace, credentials, failures, metadata, clock);
        this.configure = new ConfigureRepositoryPhase(github, credentials, failures, metadata, clock);
        var once = new OncePerSource(failures, metadata, clock);
        this.restructure = new RestructurePhase(workspace, once, clock, github);
        this.restore = new RestorePhase(workspace, once, clock);
        this.merge = new MergePhase(workspace, once, clock);
        this.unarchive = new UnarchivePhase(workspace, once, clock, github);
    }

    /** Whether repo-service carries out phases of this action. */
    public static boolean handles(PhaseAction action) {
        return ACTIONS.contains(action);
    }

    /** Handles a phase; progress goes to {@code progress} as it happens, results are returned. */
    public List<SpecificRecord> handle(PhaseStarted phase, Consumer<SpecificRecord> progress) {
        return switch (phase.getAction()) {
            case RESTRUCTURE -> restructure.run(phase);
            case RESTORE -> restore.run(phase);
            case SPLIT -> split.run(phase, progress);
            case SCAFFOLD -> scaffold.run(phase);
            case CONFIGURE_REPOSITORY -> configure.run(phase);
            case ARCHIVE -> archive.run(phase);
            case MERGE -> merge.run(phase);
            case UNARCHIVE -> unarchive.run(phase);
            default -> List.of();
        };
    }
}
