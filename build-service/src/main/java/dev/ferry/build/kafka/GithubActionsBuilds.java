package dev.ferry.build.kafka;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.Builder;
import dev.ferry.build.domain.BuiltImage;
import dev.ferry.build.domain.CiImageLookup;
import dev.ferry.build.domain.CiWait;
import dev.ferry.build.domain.CiWaits;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.GithubRepositories;
import dev.ferry.build.domain.PushedImage;
import dev.ferry.build.domain.WorkflowRun;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code github-actions} builder: the service's own workflow builds and pushes the image; this step waits for that
 * workflow's run on the split commit, then checks the expected tag is in the registry and reports its digest. A
 * failed run, a missing tag, or no run before the deadline fails the step with a link to look at. Each wait is saved
 * in {@link WaitFiles} until it is answered, so a restart resumes it with its deadline.
 */
public final class GithubActionsBuilds {

    private static final Logger log = LoggerFactory.getLogger(GithubActionsBuilds.class);
    static final String REPOSITORY_PARAMETER = "github.repository";
    static final String TIMEOUT_PARAMETER = "ci.timeoutSeconds";

    /** What answering a waiting step needs. */
    public record Step(PhaseStarted phase, ServiceWork work, BuildRequest request, Instant startedAt) {}

    private final CiWaits<Step> waits;
    private final WaitFiles files;
    private final List<CiWait<Step>> reloaded = new ArrayList<>();
    private final CiImageLookup lookup;
    private final BuildEvents events;
    private final Consumer<SpecificRecord> publish;
    private final Duration defaultTimeout;
    private final Set<String> githubHosts;
    private final Clock clock;

    public GithubActionsBuilds(
            CiWaits<Step> waits,
            WaitFiles files,
            CiImageLookup lookup,
            BuildEvents events,
            Consumer<SpecificRecord> publish,
            Duration defaultTimeout,
            Set<String> githubHosts,
            Clock clock) {
        this.waits = waits;
        this.files = files;
        this.lookup = lookup;
        this.events = events;
        this.publish = publish;
        this.defaultTimeout = defaultTimeout;
        this.githubHosts = Set.copyOf(githubHosts);
        this.clock = clock;
    }

    /** Starts waiting for the service's CI run; answers at once if the run already finished. */
    void start(PhaseStarted phase, ServiceWork work, BuildRequest request) {
        String repository = repository(work);
        String workflow = work.getImage().getWorkflow();
        if (workflow == null || workflow.isBlank()) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT,
                    "service " + work.getService() + " uses the github-actions builder but names no workflow file");
        }
        if (waits.isWaiting(repository, request.commit(), workflow)) {
            return;
        }
        Instant now = clock.instant();
        var wait = new CiWait<>(
                repository,
                request.commit(),
                workflow,
                now.plus(timeout(phase, work)),
                new Step(phase, work, request, now));
        log.info(
                "waiting for workflow run repository={} workflow={} commit={} deadline={}",
                repository,
                workflow,
                request.commit(),
                wait.deadline());
        // Saved before anyone can answer it, so an answer always finds the file to delete.
        files.save(wait);
        Optional<WorkflowRun> finished = waits.await(wait);
        if (finished.isPresent()) {
            finish(wait, finished.get());
            return;
        }
        answerIfAlreadyBuilt(wait);
    }

    /**
     * Takes up the waits a previous process saved, before the listeners start: a redelivered {@code phase.started}
     * then finds its step already waiting, and a {@code workflow_run} still on the topic finds the step it answers.
     */
    public void reload() {
        WaitFiles.Reloaded found = files.load();
        for (WaitFiles.Unreadable bad : found.unreadable()) {
            log.error(
                    "cannot read a saved wait for CI file={} movedTo={} reason=\"{}\"; its step is no longer"
                            + " waited for and ends at the planner's deadline",
                    bad.file(),
                    bad.movedTo(),
                    bad.reason());
        }
        for (CiWait<Step> wait : found.waits()) {
            if (!waits.isWaiting(wait.repository(), wait.commit(), wait.workflow())) {
                waits.await(wait).ifPresentOrElse(run -> finish(wait, run), () -> reloaded.add(wait));
            }
        }
        log.info(
                "reloaded waits for CI count={} unreadable={}",
                reloaded.size(),
                found.unreadable().size());
    }

    /**
     * Asks the registry about each reloaded wait still in time: a run that finished while build-service was down, and
     * whose {@code workflow_run} this process will never read (consumed before the stop, or never delivered), left
     * its image there. Expired waits are left to {@link #expire()}.
     */
    void resume() {
        Instant now = clock.instant();
        for (CiWait<Step> wait : List.copyOf(reloaded)) {
            if (wait.deadline().isAfter(now)) {
                answerIfAlreadyBuilt(wait);
            }
        }
        reloaded.clear();
    }

    private void answerIfAlreadyBuilt(CiWait<Step> wait) {
        alreadyBuilt(wait).ifPresent(image -> {
            if (waits.stopWaiting(wait)) {
                log.info(
                        "image already in the registry repository={} commit={} image={}",
                        wait.repository(),
                        wait.commit(),
                        image.reference());
                reportPushed(wait.step(), image);
                files.delete(wait);
            }
        });
    }

    /**
     * The image CI pushed for this commit before the step started waiting: no new workflow run comes for a commit
     * nobody pushes again (the same plan run a second time). A registry that cannot be asked now only means waiting.
     */
    private Optional<PushedImage> alreadyBuilt(CiWait<Step> wait) {
        try {
            return lookup.existing(wait.step().request());
        } catch (BuildFailure failure) {
            log.warn(
                    "cannot check the registry before waiting repository={} commit={} reason=\"{}\"",
                    wait.repository(),
                    wait.commit(),
                    failure.getMessage());
            return Optional.empty();
        }
    }

    /** A {@code workflow_run} finished: answers every step that waited for it. */
    void runFinished(WorkflowRun run) {
        for (CiWait<Step> wait : waits.finished(run, clock.instant())) {
            finish(wait, run);
        }
    }

    /** Fails the steps whose runs did not come in time. */
    void expire() {
        for (CiWait<Step> wait : waits.expired(clock.instant())) {
            String runs = "https://github.com/" + wait.repository() + "/actions/workflows/" + fileName(wait.workflow());
            // Retryable: CI may only have been slow, and a new attempt waits again or finds the image pushed since.
            var failure = BuildFailure.retryable(
                            FailureKind.TIMEOUT,
                            "no " + wait.workflow() + " run of " + wait.repository() + " finished for commit "
                                    + wait.commit() + " before " + wait.deadline() + "; see " + runs,
                            null)
                    .withDetailsUrl(runs);
            publish.accept(events.failed(wait.step().phase(), wait.step().work().getService(), failure));
            files.delete(wait);
        }
    }

    private void finish(CiWait<Step> wait, WorkflowRun run) {
        Step step = wait.step();
        String service = step.work().getService();
        try {
            if (!run.succeeded()) {
                throw BuildFailure.permanent(
                                "timed_out".equals(run.conclusion()) ? FailureKind.TIMEOUT : FailureKind.INTERNAL,
                                "GitHub Actions run " + run.url() + " of " + wait.workflow() + " for "
                                        + wait.repository() + "@" + wait.commit() + " ended with conclusion "
                                        + run.conclusion())
                        .withDetailsUrl(run.url());
            }
            reportPushed(step, lookup.find(step.request(), run));
        } catch (BuildFailure failure) {
            BuildFailure withUrl = failure.detailsUrl() == null ? failure.withDetailsUrl(run.url()) : failure;
            publish.accept(events.failed(step.phase(), service, withUrl));
        }
        files.delete(wait);
    }

    /** The step's {@code image.pushed}: the image CI pushed for its commit. */
    private void reportPushed(Step step, PushedImage image) {
        publish.accept(events.pushed(
                step.phase(),
                new BuiltImage(
                        step.work().getService(),
                        step.request().commit(),
                        image,
                        Builder.GITHUB_ACTIONS,
                        Duration.between(step.startedAt(), clock.instant()))));
    }

    /** The service's {@code ci.timeoutSeconds}, else the plan's timeout for the phase, else the configured one. */
    private Duration timeout(PhaseStarted phase, ServiceWork work) {
        CharSequence seconds = work.getParameters().get(TIMEOUT_PARAMETER);
        if (seconds != null) {
            return Duration.ofSeconds(Long.parseLong(seconds.toString()));
        }
        return phase.getTimeoutSeconds() == null ? defaultTimeout : Duration.ofSeconds(phase.getTimeoutSeconds());
    }

    private String repository(ServiceWork work) {
        CharSequence explicit = work.getParameters().get(REPOSITORY_PARAMETER);
        if (explicit != null) {
            return explicit.toString();
        }
        return GithubRepositories.ownerAndName(work.getTarget().getRepository(), githubHosts)
                .orElseThrow(() -> BuildFailure.permanent(
                        FailureKind.INVALID_INPUT,
                        "service " + work.getService() + " uses the github-actions builder, but its repository "
                                + work.getTarget().getRepository() + " is not on a GitHub host ("
                                + String.join(
                                        ", ", githubHosts.stream().sorted().toList())
                                + ", ferry.build.github-actions.hosts); set the parameter " + REPOSITORY_PARAMETER
                                + "=owner/name"));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
