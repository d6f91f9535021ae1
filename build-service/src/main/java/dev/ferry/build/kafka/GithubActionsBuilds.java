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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code github-actions} builder: the service's own workflow builds and pushes the image; this step waits for that
 * workflow's run on the split commit, then checks the expected tag is in the registry and reports its digest. A
 * failed run, a missing tag, or no run before the deadline fails the step with a link to look at.
 */
public final class GithubActionsBuilds {

    private static final Logger log = LoggerFactory.getLogger(GithubActionsBuilds.class);
    static final String REPOSITORY_PARAMETER = "github.repository";
    static final String TIMEOUT_PARAMETER = "ci.timeoutSeconds";

    /** What answering a waiting step needs. */
    public record Step(PhaseStarted phase, ServiceWork work, BuildRequest request, Instant startedAt) {}

    private final CiWaits<Step> waits;
    private final CiImageLookup lookup;
    private final BuildEvents events;
    private final Consumer<SpecificRecord> publish;
    private final Duration defaultTimeout;
    private final Set<String> githubHosts;
    private final Clock clock;

    public GithubActionsBuilds(
            CiWaits<Step> waits,
            CiImageLookup lookup,
            BuildEvents events,
            Consumer<SpecificRecord> publish,
            Duration defaultTimeout,
            Set<String> githubHosts,
            Clock clock) {
        this.waits = waits;
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
                repository, request.commit(), workflow, now.plus(timeout(work)), new Step(phase, work, request, now));
        log.info(
                "waiting for workflow run repository={} workflow={} commit={}", repository, workflow, request.commit());
        Optional<WorkflowRun> finished = waits.await(wait);
        if (finished.isPresent()) {
            finish(wait, finished.get());
            return;
        }
        alreadyBuilt(wait).ifPresent(image -> {
            if (waits.stopWaiting(wait)) {
                log.info(
                        "image already in the registry repository={} commit={} image={}",
                        repository,
                        request.commit(),
                        image.reference());
                reportPushed(wait.step(), image);
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
            var failure = BuildFailure.permanent(
                            FailureKind.TIMEOUT,
                            "no " + wait.workflow() + " run of " + wait.repository() + " finished for commit "
                                    + wait.commit() + " before " + wait.deadline() + "; see " + runs)
                    .withDetailsUrl(runs);
            publish.accept(events.failed(wait.step().phase(), wait.step().work().getService(), failure));
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

    private Duration timeout(ServiceWork work) {
        CharSequence seconds = work.getParameters().get(TIMEOUT_PARAMETER);
        return seconds == null ? defaultTimeout : Duration.ofSeconds(Long.parseLong(seconds.toString()));
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
