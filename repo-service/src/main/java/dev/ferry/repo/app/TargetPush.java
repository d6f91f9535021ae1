package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.github.GithubRepository;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.SplitResult;
import dev.ferry.repo.jgit.TargetPusher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Pushes one service's split to its target repository, creating the repository first when it belongs on GitHub and is
 * missing, and answers with the service's {@code repo.split}, or its {@code step.failed}: one service's failure is its
 * own, the group's other services still push.
 */
final class TargetPush {

    /**
     * What the services of one walk share: the phase, their source, the work repository holding the split commits, and
     * when the group's work started (each {@code repo.split} counts its duration from there).
     */
    record Origin(PhaseStarted phase, GitRemote source, Repository work, Instant started) {}

    private final RepoPhaseHandler.Github github;
    private final CredentialStore credentials;
    private final StepFailures failures;
    private final MetadataFactory metadata;
    private final Clock clock;

    TargetPush(
            RepoPhaseHandler.Github github,
            CredentialStore credentials,
            StepFailures failures,
            MetadataFactory metadata,
            Clock clock) {
        this.github = github;
        this.credentials = credentials;
        this.failures = failures;
        this.metadata = metadata;
        this.clock = clock;
    }

    SpecificRecord push(Origin origin, ServiceWork service, SplitResult result) {
        try {
            TargetRepository target = service.getTarget();
            ObjectId head = headOf(service, result);
            Optional<String> token =
                    Optional.ofNullable(target.getCredentialRef()).flatMap(credentials::token);
            GitRemote targetRemote = GitRemote.of(target.getRepository(), token);
            Optional<GithubRepository> created = createdOnGithub(service, token);
            Map<String, ObjectId> tags = target.getRewriteTags() ? result.tags() : Map.of();
            new TargetPusher(origin.work())
                    .push(targetRemote, target.getDefaultBranch(), head, tags, target.getForce());
            if (created.isPresent()) {
                github.api().setDefaultBranch(created.get(), target.getDefaultBranch(), token.orElseThrow());
            }
            return repoSplit(origin, service, result, targetRemote, tags.size());
        } catch (SplitFailure failure) {
            return failures.of(origin.phase(), service.getService(), failure);
        }
    }

    /** The split's head; none when no commit of the branch ever had content in the directory. */
    private static ObjectId headOf(ServiceWork service, SplitResult result) {
        return result.head()
                .orElseThrow(() -> new SplitFailure(
                        SplitFailure.Kind.PATH_ABSENT_AT_HEAD,
                        service.getSource().getPath() + " has no content in any commit of "
                                + service.getSource().getBranch()));
    }

    /**
     * The target's GitHub repository when this push had to create it (its default branch is set once the branch is
     * there); empty when the target is not on GitHub or exists already.
     */
    private Optional<GithubRepository> createdOnGithub(ServiceWork service, Optional<String> token) {
        TargetRepository target = service.getTarget();
        Optional<GithubRepository> onGithub = GithubRepository.fromCloneUrl(target.getRepository(), github.hosts());
        if (onGithub.isEmpty()) {
            return Optional.empty();
        }
        boolean created = github.api()
                .ensureExists(
                        onGithub.get(),
                        target.getVisibility(),
                        token.orElseThrow(() -> missingCredential(target.getCredentialRef(), service)));
        return created ? onGithub : Optional.empty();
    }

    private static SplitFailure missingCredential(String reference, ServiceWork service) {
        return new SplitFailure(
                SplitFailure.Kind.AUTHENTICATION_FAILED,
                reference == null
                        ? "target of " + service.getService() + " is on GitHub but the plan names no credentialRef"
                        : "credential " + reference + " for " + service.getService() + " is not configured");
    }

    private RepoSplit repoSplit(
            Origin origin, ServiceWork service, SplitResult result, GitRemote target, int tagsRewritten) {
        return RepoSplit.newBuilder()
                .setMetadata(metadata.causedBy(origin.phase().getMetadata()))
                .setPhase(origin.phase().getPhase())
                .setService(service.getService())
                .setAttempt(origin.phase().getAttempt())
                .setSourceRepository(origin.source().redacted())
                .setSourceCommit(result.sourceHead().name())
                .setTargetRepository(target.redacted())
                .setTargetCommit(result.head().orElseThrow().name())
                .setCommitsWalked(result.commitsWalked())
                .setCommitsKept(result.commitsKept())
                .setTagsRewritten(tagsRewritten)
                .setDurationMillis(
                        Duration.between(origin.started(), clock.instant()).toMillis())
                .build();
    }
}
