package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.plan.action.Unarchive;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.github.GithubRepository;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.SourceArchiver;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * An {@code unarchive} phase, the cutover's rollback: the source repository made writable again on GitHub first (an
 * archived repository refuses every push), then its archive notice reverted on the branch ({@link SourceArchiver}); every
 * service of the source reports the same result.
 */
final class UnarchivePhase {

    private final SourceWorkspace workspace;
    private final OncePerSource once;
    private final Clock clock;
    private final RepoPhaseHandler.Github github;

    UnarchivePhase(SourceWorkspace workspace, OncePerSource once, Clock clock, RepoPhaseHandler.Github github) {
        this.workspace = workspace;
        this.once = once;
        this.clock = clock;
        this.github = github;
    }

    List<SpecificRecord> run(PhaseStarted phase) {
        return once.run(phase, this::unarchive);
    }

    private Map<String, String> unarchive(PhaseStarted phase, List<ServiceWork> group) {
        ServiceWork first = group.getFirst();
        String branch = first.getSource().getBranch();
        Optional<String> token = workspace.sourceToken(first);
        boolean onHost = unarchiveOnGithub(first, token);
        GitRemote remote = GitRemote.of(first.getSource().getRepository(), token);
        Optional<SourceArchiver.Reverted> reverted;
        try (Repository source = workspace.mirror(remote, branch);
                Repository work = workspace.workRepositoryFor(source, remote)) {
            reverted = new SourceArchiver(work)
                    .revertNotice(
                            source,
                            remote,
                            branch,
                            new PersonIdent("Ferry", "ferry@noreply.ferry.dev", clock.instant(), ZoneOffset.UTC),
                            "Revert the archive notice: this repository is in use again\n\nFerry migration "
                                    + phase.getMetadata().getMigrationId() + ", phase " + phase.getPhase()
                                    + " of plan " + phase.getPlanName() + ".");
        }
        return Map.of(
                Unarchive.REVERT_COMMIT,
                reverted.map(r -> r.revertCommit().name()).orElse(""),
                Unarchive.UNARCHIVED_ON_HOST,
                Boolean.toString(onHost));
    }

    /** Un-archives the source on GitHub when it lives there; whether it did. */
    private boolean unarchiveOnGithub(ServiceWork first, Optional<String> token) {
        Optional<GithubRepository> onGithub =
                GithubRepository.fromCloneUrl(first.getSource().getRepository(), github.hosts());
        if (onGithub.isPresent()) {
            github.api()
                    .unarchive(
                            onGithub.get(),
                            token.orElseThrow(() -> new SplitFailure(
                                    SplitFailure.Kind.AUTHENTICATION_FAILED,
                                    "source " + onGithub.get() + " is on GitHub but no "
                                            + RepoPhaseHandler.SOURCE_CREDENTIAL
                                            + " names a token to unarchive it; nothing was changed")));
        }
        return onGithub.isPresent();
    }
}
