package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.github.GithubRepositories;
import dev.ferry.repo.github.GithubRepository;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.JGitHistorySplitter;
import dev.ferry.repo.jgit.SourceArchiver;
import dev.ferry.repo.jgit.SourceMirrors;
import dev.ferry.repo.jgit.SplitProgress;
import dev.ferry.repo.jgit.SplitResult;
import dev.ferry.repo.jgit.TargetPusher;
import dev.ferry.repo.jgit.WorkRepositories;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * Carries out repo-service's phases. In a {@code split} phase the services that share a source repository and revision
 * are split in one walk, then each split is pushed to its own target (created on GitHub first when it lives there), and
 * every service gets a {@code repo.split} or a {@code step.failed} saying exactly why. An {@code archive} phase is the
 * cutover of the source repository. Nothing here knows Kafka; the caller publishes.
 *
 * <p>Safe to repeat: a repeated phase continues from the saved split state (walking nothing new) and pushes what the
 * target already has, so a redelivered {@code phase.started} changes nothing and reports the same commits.
 */
public final class RepoPhaseHandler {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    /**
     * Parameter naming the credential for a private source repository; the source spec has no credential field, so the
     * plan passes it as a service parameter.
     */
    public static final String SOURCE_CREDENTIAL = "sourceCredentialRef";

    /** Where GitHub lives for this installation: hosts whose clone URLs are GitHub repositories, and its REST root. */
    public record Github(Set<String> hosts, GithubRepositories api) {}

    private final Path dataDirectory;
    private final SourceMirrors mirrors;
    private final Github github;
    private final CredentialStore credentials;
    private final MetadataFactory metadata;
    private final Clock clock;

    public RepoPhaseHandler(
            Path dataDirectory, Github github, CredentialStore credentials, MetadataFactory metadata, Clock clock) {
        this.dataDirectory = dataDirectory;
        this.mirrors = new SourceMirrors(dataDirectory.resolve("mirrors"));
        this.github = github;
        this.credentials = credentials;
        this.metadata = metadata;
        this.clock = clock;
    }

    /** Handles a phase; progress goes to {@code progress} as it happens, results are returned. */
    public List<SpecificRecord> handle(PhaseStarted phase, Consumer<SpecificRecord> progress) {
        if (phase.getAction() == PhaseAction.ARCHIVE) {
            return archive(phase);
        }
        if (phase.getAction() != PhaseAction.SPLIT) {
            return List.of();
        }
        var events = new ArrayList<SpecificRecord>();
        var groups = new LinkedHashMap<String, List<ServiceWork>>();
        for (ServiceWork work : phase.getServices()) {
            Optional<String> invalid = invalid(work);
            if (invalid.isPresent()) {
                events.add(failed(phase, work.getService(), ErrorKind.INVALID_INPUT, invalid.get(), false));
                continue;
            }
            var source = work.getSource();
            String key = source.getRepository() + "\n" + revision(work);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(work);
        }
        for (List<ServiceWork> group : groups.values()) {
            events.addAll(splitGroup(phase, group, progress));
        }
        return events;
    }

    private static Optional<String> invalid(ServiceWork work) {
        if (work.getTarget() == null) {
            return Optional.of("service " + work.getService() + " has no target repository in the plan");
        }
        try {
            ServicePath.of(work.getSource().getPath());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String revision(ServiceWork work) {
        return work.getSource().getCommit() != null
                ? work.getSource().getCommit()
                : work.getSource().getBranch();
    }

    private List<SpecificRecord> splitGroup(PhaseStarted phase, List<ServiceWork> group, Consumer<SpecificRecord> out) {
        Instant started = clock.instant();
        ServiceWork first = group.getFirst();
        var events = new ArrayList<SpecificRecord>();
        GitRemote sourceRemote;
        Map<ServicePath, SplitResult> results;
        List<ServicePath> paths = group.stream()
                .map(w -> ServicePath.of(w.getSource().getPath()))
                .distinct()
                .toList();
        Repository source = null;
        Repository work = null;
        try {
            sourceRemote = GitRemote.of(
                    first.getSource().getRepository(),
                    token(Optional.ofNullable(first.getParameters().get(SOURCE_CREDENTIAL))));
            source = mirrors.open(sourceRemote, first.getSource().getBranch());
            work = workRepositoryFor(source, sourceRemote);
            var splitter = JGitHistorySplitter.of(source, work);
            Map<ServicePath, SplitFailure> unsplittable = splitter.unsplittable(revision(first), paths);
            var splittable = new ArrayList<ServiceWork>();
            for (ServiceWork service : group) {
                SplitFailure problem =
                        unsplittable.get(ServicePath.of(service.getSource().getPath()));
                if (problem != null) {
                    events.add(failed(phase, service.getService(), problem));
                } else {
                    splittable.add(service);
                }
            }
            if (splittable.isEmpty()) {
                return events;
            }
            paths = paths.stream()
                    .filter(path -> !unsplittable.containsKey(path))
                    .toList();
            Path state = work.getDirectory().toPath().resolve("ferry").resolve(stateName(paths));
            results = splitter.split(revision(first), paths, state, progressReporter(phase, splittable, out));
            for (ServiceWork service : splittable) {
                events.add(pushOne(
                        phase,
                        service,
                        sourceRemote,
                        work,
                        results.get(ServicePath.of(service.getSource().getPath())),
                        started));
            }
        } catch (SplitFailure failure) {
            events.clear(); // the whole group failed: one reason per service, none reported twice
            events.addAll(failedAll(phase, group, failure));
        } catch (IOException e) {
            events.addAll(failedAll(phase, group, workRepositoryFailure(e)));
        } finally {
            if (work != null) {
                work.close();
            }
            if (source != null) {
                source.close();
            }
        }
        return events;
    }

    private SpecificRecord pushOne(
            PhaseStarted phase,
            ServiceWork service,
            GitRemote sourceRemote,
            Repository work,
            SplitResult result,
            Instant started) {
        try {
            TargetRepository target = service.getTarget();
            ObjectId head = result.head()
                    .orElseThrow(() -> new SplitFailure(
                            SplitFailure.Kind.PATH_ABSENT_AT_HEAD,
                            service.getSource().getPath() + " has no content in any commit of "
                                    + service.getSource().getBranch()));
            Optional<String> token = token(Optional.ofNullable(target.getCredentialRef()));
            GitRemote targetRemote = GitRemote.of(target.getRepository(), token);
            Optional<GithubRepository> onGithub = GithubRepository.fromCloneUrl(target.getRepository(), github.hosts());
            boolean created = false;
            if (onGithub.isPresent()) {
                created = github.api()
                        .ensureExists(
                                onGithub.get(),
                                target.getVisibility(),
                                token.orElseThrow(() -> missingCredential(target.getCredentialRef(), service)));
            }
            Map<String, ObjectId> tags = target.getRewriteTags() ? result.tags() : Map.of();
            new TargetPusher(work).push(targetRemote, target.getDefaultBranch(), head, tags, target.getForce());
            if (created) {
                github.api().setDefaultBranch(onGithub.get(), target.getDefaultBranch(), token.orElseThrow());
            }
            return RepoSplit.newBuilder()
                    .setMetadata(metadata.causedBy(phase.getMetadata()))
                    .setPhase(phase.getPhase())
                    .setService(service.getService())
                    .setSourceRepository(sourceRemote.redacted())
                    .setSourceCommit(result.sourceHead().name())
                    .setTargetRepository(targetRemote.redacted())
                    .setTargetCommit(head.name())
                    .setCommitsWalked(result.commitsWalked())
                    .setCommitsKept(result.commitsKept())
                    .setTagsRewritten(tags.size())
                    .setDurationMillis(
                            Duration.between(started, clock.instant()).toMillis())
                    .build();
        } catch (SplitFailure failure) {
            return failed(phase, service.getService(), failure);
        }
    }

    /**
     * Cutover: each source repository of the phase gets a README notice naming where its services went, pushed to its
     * branch, and is archived when it lives on GitHub. Every service of the phase reports the same notice commit.
     */
    private List<SpecificRecord> archive(PhaseStarted phase) {
        var events = new ArrayList<SpecificRecord>();
        var bySource = new LinkedHashMap<String, List<ServiceWork>>();
        for (ServiceWork work : phase.getServices()) {
            String key =
                    work.getSource().getRepository() + "\n" + work.getSource().getBranch();
            bySource.computeIfAbsent(key, k -> new ArrayList<>()).add(work);
        }
        for (List<ServiceWork> group : bySource.values()) {
            Instant started = clock.instant();
            ServiceWork first = group.getFirst();
            String branch = first.getSource().getBranch();
            Optional<String> token =
                    token(Optional.ofNullable(first.getParameters().get(SOURCE_CREDENTIAL)));
            try {
                GitRemote sourceRemote = GitRemote.of(first.getSource().getRepository(), token);
                SourceArchiver.Archived archived;
                try (Repository source = mirrors.open(sourceRemote, branch);
                        Repository work = workRepositoryFor(source, sourceRemote)) {
                    archived = new SourceArchiver(work)
                            .archive(
                                    source,
                                    sourceRemote,
                                    branch,
                                    notice(phase, group),
                                    new PersonIdent(
                                            "Ferry", "ferry@noreply.ferry.dev", clock.instant(), ZoneOffset.UTC),
                                    "Archive this repository: its services moved to their own repositories\n\n"
                                            + "Ferry migration "
                                            + phase.getMetadata().getMigrationId() + ", phase "
                                            + phase.getPhase() + ".\n");
                }
                Optional<GithubRepository> onGithub =
                        GithubRepository.fromCloneUrl(first.getSource().getRepository(), github.hosts());
                if (onGithub.isPresent()) {
                    github.api()
                            .archive(
                                    onGithub.get(),
                                    token.orElseThrow(() -> new SplitFailure(
                                            SplitFailure.Kind.AUTHENTICATION_FAILED,
                                            "source " + onGithub.get() + " is on GitHub but no " + SOURCE_CREDENTIAL
                                                    + " names a token to archive it")));
                }
                for (ServiceWork service : group) {
                    events.add(SourceArchived.newBuilder()
                            .setMetadata(metadata.causedBy(phase.getMetadata()))
                            .setPhase(phase.getPhase())
                            .setService(service.getService())
                            .setSourceRepository(sourceRemote.redacted())
                            .setBranch(branch)
                            .setNoticeCommit(archived.noticeCommit().name())
                            .setArchivedOnHost(onGithub.isPresent())
                            .setDurationMillis(
                                    Duration.between(started, clock.instant()).toMillis())
                            .build());
                }
            } catch (SplitFailure failure) {
                events.addAll(failedAll(phase, group, failure));
            } catch (IOException e) {
                events.addAll(failedAll(phase, group, workRepositoryFailure(e)));
            }
        }
        return events;
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

    private Optional<String> token(Optional<String> reference) {
        return reference.flatMap(credentials::token);
    }

    private static SplitFailure missingCredential(String reference, ServiceWork service) {
        return new SplitFailure(
                SplitFailure.Kind.AUTHENTICATION_FAILED,
                reference == null
                        ? "target of " + service.getService() + " is on GitHub but the plan names no credentialRef"
                        : "credential " + reference + " for " + service.getService() + " is not configured");
    }

    private SplitProgress progressReporter(PhaseStarted phase, List<ServiceWork> group, Consumer<SpecificRecord> out) {
        var last = new Instant[] {clock.instant()};
        return walked -> {
            Instant now = clock.instant();
            if (Duration.between(last[0], now).compareTo(PROGRESS_EVERY) < 0) {
                return;
            }
            last[0] = now;
            for (ServiceWork service : group) {
                out.accept(StepProgress.newBuilder()
                        .setMetadata(metadata.causedBy(phase.getMetadata()))
                        .setPhase(phase.getPhase())
                        .setService(service.getService())
                        .setAction(PhaseAction.SPLIT)
                        .setUnit("commits")
                        .setCompletedUnits(walked)
                        .setMessage(
                                "walking the history of " + service.getSource().getBranch())
                        .build());
            }
        };
    }

    private List<StepFailed> failedAll(PhaseStarted phase, List<ServiceWork> group, SplitFailure failure) {
        return group.stream()
                .map(service -> failed(phase, service.getService(), failure))
                .toList();
    }

    private SplitFailure workRepositoryFailure(IOException e) {
        return new SplitFailure(
                SplitFailure.Kind.LOCAL_STORAGE,
                "cannot prepare a work repository under " + dataDirectory + ": " + e.getMessage(),
                e);
    }

    private StepFailed failed(PhaseStarted phase, String service, SplitFailure failure) {
        return failed(phase, service, errorKind(failure.kind()), failure.getMessage(), retryable(failure.kind()));
    }

    private StepFailed failed(PhaseStarted phase, String service, ErrorKind kind, String reason, boolean retryable) {
        return StepFailed.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setAttempt(phase.getAttempt())
                .setErrorKind(kind)
                .setReason(GitRemote.redact(reason))
                .setRetryable(retryable)
                .build();
    }

    static ErrorKind errorKind(SplitFailure.Kind kind) {
        return switch (kind) {
            case REPOSITORY_NOT_FOUND, BRANCH_NOT_FOUND, PATH_ABSENT_AT_HEAD -> ErrorKind.NOT_FOUND;
            case PATH_IS_NOT_A_DIRECTORY, SHALLOW_CLONE, INVALID_REQUEST -> ErrorKind.INVALID_INPUT;
            case CORRUPT_OBJECT, LOCAL_STORAGE -> ErrorKind.INTERNAL;
            case AUTHENTICATION_FAILED -> ErrorKind.AUTHENTICATION;
            case UNREACHABLE -> ErrorKind.UNREACHABLE;
            case TARGET_HAS_UNRELATED_HISTORY, PUSH_REJECTED -> ErrorKind.CONFLICT;
        };
    }

    /** Worth retrying without a change to the plan: the network, or a target that moved while we pushed. */
    static boolean retryable(SplitFailure.Kind kind) {
        return kind == SplitFailure.Kind.UNREACHABLE
                || kind == SplitFailure.Kind.PUSH_REJECTED
                || kind == SplitFailure.Kind.LOCAL_STORAGE;
    }

    /** The source's work repository: split commits and archive notices are written there, one per source location. */
    private Repository workRepositoryFor(Repository source, GitRemote sourceRemote) throws IOException {
        return WorkRepositories.borrowingFrom(
                source, dataDirectory.resolve("work").resolve(sourceRemote.key() + ".git"));
    }

    /** One saved state per set of paths: a phase that splits other services starts its own. */
    private static String stateName(List<ServicePath> paths) {
        return GitRemote.shortHash(
                        String.join("\n", paths.stream().map(ServicePath::value).toList())) + ".state";
    }
}
