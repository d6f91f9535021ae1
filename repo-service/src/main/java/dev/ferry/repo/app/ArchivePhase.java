package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.github.GithubRepository;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.SourceArchiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * An {@code archive} phase, the cutover: each source repository of the phase gets a README notice naming where its
 * services went, pushed to its branch, and is archived when it lives on GitHub. Every service of a source reports the
 * same notice commit in its {@code source.archived}, or the same {@code step.failed}.
 */
final class ArchivePhase {

    /** What the cutover of one source did, the same for each of its services. */
    private record Cutover(GitRemote source, String branch, ObjectId noticeCommit, boolean archivedOnHost) {}

    private final SourceWorkspace workspace;
    private final RepoPhaseHandler.Github github;
    private final StepFailures failures;
    private final MetadataFactory metadata;
    private final Clock clock;

    ArchivePhase(
            SourceWorkspace workspace,
            RepoPhaseHandler.Github github,
            StepFailures failures,
            MetadataFactory metadata,
            Clock clock) {
        this.workspace = workspace;
        this.github = github;
        this.failures = failures;
        this.metadata = metadata;
        this.clock = clock;
    }

    List<SpecificRecord> run(PhaseStarted phase) {
        var bySource = new LinkedHashMap<String, List<ServiceWork>>();
        for (ServiceWork work : phase.getServices()) {
            String key =
                    work.getSource().getRepository() + "\n" + work.getSource().getBranch();
            bySource.computeIfAbsent(key, k -> new ArrayList<>()).add(work);
        }
        var events = new ArrayList<SpecificRecord>();
        for (List<ServiceWork> group : bySource.values()) {
            events.addAll(archiveSource(phase, group));
        }
        return events;
    }

    private List<? extends SpecificRecord> archiveSource(PhaseStarted phase, List<ServiceWork> group) {
        Instant started = clock.instant();
        ServiceWork first = group.getFirst();
        String branch = first.getSource().getBranch();
        Optional<String> token = workspace.sourceToken(first);
        try {
            GitRemote sourceRemote = GitRemote.of(first.getSource().getRepository(), token);
            ObjectId notice = commitNotice(phase, group, sourceRemote, branch);
            var cutover = new Cutover(sourceRemote, branch, notice, archiveOnGithub(first, token));
            return group.stream()
                    .map(service -> archived(phase, service, cutover, started))
                    .toList();
        } catch (SplitFailure failure) {
            return failures.ofEvery(phase, group, failure);
        }
    }

    /** Puts the notice on the source branch, once: a README that carries it already keeps the commit it has. */
    private ObjectId commitNotice(PhaseStarted phase, List<ServiceWork> group, GitRemote sourceRemote, String branch) {
        try (Repository source = workspace.mirror(sourceRemote, branch);
                Repository work = workspace.workRepositoryFor(source, sourceRemote)) {
            return new SourceArchiver(work)
                    .archive(
                            source,
                            sourceRemote,
                            branch,
                            notice(phase, group),
                            new PersonIdent("Ferry", "ferry@noreply.ferry.dev", clock.instant(), ZoneOffset.UTC),
                            "Archive this repository: its services moved to their own repositories\n\n"
                                    + "Ferry migration "
                                    + phase.getMetadata().getMigrationId() + ", phase "
                                    + phase.getPhase() + ".\n")
                    .noticeCommit();
        }
    }

    /** The README notice: one line per service with the repository it now lives in. */
    private static String notice(PhaseStarted phase, List<ServiceWork> services) {
        var text = new StringBuilder("> **This repository is archived.** Its services moved to their own repositories"
                + " (Ferry migration " + phase.getMetadata().getMigrationId() + "):\n>\n");
        for (ServiceWork service : services) {
            text.append("> - **").append(service.getService()).append("**");
            if (service.getTarget() != null) {
                text.append(": ").append(GitRemote.redact(service.getTarget().getRepository()));
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** Archives the source on GitHub when it lives there; whether it did. */
    private boolean archiveOnGithub(ServiceWork first, Optional<String> token) {
        Optional<GithubRepository> onGithub =
                GithubRepository.fromCloneUrl(first.getSource().getRepository(), github.hosts());
        if (onGithub.isPresent()) {
            github.api()
                    .archive(
                            onGithub.get(),
                            token.orElseThrow(() -> new SplitFailure(
                                    SplitFailure.Kind.AUTHENTICATION_FAILED,
                                    "source " + onGithub.get() + " is on GitHub but no "
                                            + RepoPhaseHandler.SOURCE_CREDENTIAL + " names a token to archive it")));
        }
        return onGithub.isPresent();
    }

    private SourceArchived archived(PhaseStarted phase, ServiceWork service, Cutover cutover, Instant started) {
        return SourceArchived.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service.getService())
                .setAttempt(phase.getAttempt())
                .setSourceRepository(cutover.source().redacted())
                .setBranch(cutover.branch())
                .setNoticeCommit(cutover.noticeCommit().name())
                .setArchivedOnHost(cutover.archivedOnHost())
                .setDurationMillis(Duration.between(started, clock.instant()).toMillis())
                .build();
    }
}
