package dev.ferry.build.job.github;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobEnd;
import dev.ferry.build.domain.job.JobOutput;
import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.domain.job.JobSpec;
import dev.ferry.build.domain.job.WorkflowRunSignals;
import dev.ferry.plan.action.Run;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job as a {@code workflow_dispatch} of a workflow in the service's GitHub repository and follows the run to
 * its end. The run is titled with the job's name (the workflow's {@code run-name} is the input {@code ferry_job}), so a
 * redelivered step finds the run it already started instead of dispatching a second one. A run's end comes through
 * its {@code workflow_run} delivery ({@link WorkflowRunSignals}) or, should that be lost, the next poll.
 */
public final class GithubWorkflowJobRunner implements JobRunner {

    private static final Logger log = LoggerFactory.getLogger(GithubWorkflowJobRunner.class);

    private final GithubApis apis;
    private final WorkflowRunSignals signals;
    private final Duration pollInterval;
    private final Clock clock;

    /** @param pollInterval how often GitHub is asked for the run, while no delivery says it ended */
    public GithubWorkflowJobRunner(GithubApis apis, WorkflowRunSignals signals, Duration pollInterval, Clock clock) {
        this.apis = apis;
        this.signals = signals;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    @Override
    public String place() {
        return Run.GITHUB_ACTIONS;
    }

    @Override
    public JobEnd run(JobSpec job, JobOutput output) {
        if (!(job.place() instanceof JobPlace.GithubActions place)) {
            throw new IllegalArgumentException("job " + job.name() + " does not run on github-actions");
        }
        Instant start = clock.instant();
        var following = new Following(job, start.plus(job.deadline()));
        var runs = new WorkflowRuns(apis.forRepository(place.repository()), fileName(place.workflow()), place.ref());
        try (var watch = signals.watch(runs.repository(), job.name())) {
            WorkflowFile.check(runs.path(), runs.repository(), place.ref(), runs.file());
            Optional<RunState> started = runs.titled(job.name());
            if (started.isPresent()) {
                log.info(
                        "following the run already dispatched job={} run={}",
                        job.name(),
                        started.get().htmlUrl());
            } else {
                runs.dispatch(inputs(job, place));
                log.info("dispatched job={} repository={} workflow={}", job.name(), runs.repository(), runs.path());
                started = following.poll(watch, () -> runs.titled(job.name()));
            }
            Optional<RunState> ended = started.flatMap(run ->
                    following.poll(watch, () -> Optional.of(runs.run(run.id())).filter(RunState::completed)));
            if (ended.isEmpty()) {
                return stop(runs, started, output, Duration.between(start, clock.instant()));
            }
            report(runs, ended.get(), output);
            return JobEnd.exited(ended.get().succeeded() ? 0 : 1, Duration.between(start, clock.instant()))
                    .withLogUrl(ended.get().htmlUrl());
        }
    }

    /** The plan's inputs and the job's name, which the workflow makes the run's title. */
    private static Map<String, String> inputs(JobSpec job, JobPlace.GithubActions place) {
        var inputs = new HashMap<>(place.inputs());
        inputs.put(WorkflowFile.JOB_INPUT, job.name());
        return inputs;
    }

    /** The deadline passed: cancels the run, when there is one yet. */
    private static JobEnd stop(WorkflowRuns runs, Optional<RunState> started, JobOutput output, Duration took) {
        if (started.isEmpty()) {
            output.line("no run of " + runs.path() + " appeared before the deadline");
            return JobEnd.stoppedAtDeadline(took);
        }
        RunState run = started.get();
        runs.cancel(run.id());
        log.info("cancelled a run past its deadline run={}", run.htmlUrl());
        output.line("workflow run " + run.htmlUrl() + " did not complete before the deadline and was cancelled");
        return JobEnd.stoppedAtDeadline(took).withLogUrl(run.htmlUrl());
    }

    private static void report(WorkflowRuns runs, RunState run, JobOutput output) {
        output.line("workflow run " + run.htmlUrl() + " completed: " + run.conclusion());
        runs.jobLines(run.id()).forEach(output::line);
    }

    private static String fileName(String workflow) {
        return workflow.substring(workflow.lastIndexOf('/') + 1);
    }

    /** Asks GitHub again at the poll interval, or sooner on a delivery's news, until an answer or the deadline. */
    private final class Following {

        private final JobSpec job;
        private final Instant deadline;

        Following(JobSpec job, Instant deadline) {
            this.job = job;
            this.deadline = deadline;
        }

        <T> Optional<T> poll(WorkflowRunSignals.Watch watch, Supplier<Optional<T>> ask) {
            while (true) {
                Optional<T> answer = askTolerantly(ask);
                if (answer.isPresent()) {
                    return answer;
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return Optional.empty();
                }
                await(watch, left.compareTo(pollInterval) < 0 ? left : pollInterval);
            }
        }

        /** A hiccup of GitHub's while the run goes on is no reason to fail the job; the next poll may get through. */
        private <T> Optional<T> askTolerantly(Supplier<Optional<T>> ask) {
            try {
                return ask.get();
            } catch (BuildFailure failure) {
                if (!failure.retryable()) {
                    throw failure;
                }
                log.warn("GitHub did not answer, asking again job={} reason=\"{}\"", job.name(), failure.reason());
                return Optional.empty();
            }
        }

        private void await(WorkflowRunSignals.Watch watch, Duration timeout) {
            try {
                watch.awaitNews(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BuildFailure.retryable(FailureKind.INTERNAL, "interrupted while following job " + job.name(), e);
            }
        }
    }
}
