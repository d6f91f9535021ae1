package dev.ferry.build.domain.job;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.SourceCheckouts;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one job step: checks the service's files out for it, has the runner of its place run it with its output
 * masked, bounded and watched, keeps the whole log, and judges the end.
 */
public final class JobWorkflow {

    private final SourceCheckouts checkouts;
    private final Map<String, JobRunner> runners;
    private final JobLogs logs;
    private final long maxLogBytes;

    /**
     * @param runners a runner for each place this service is configured for; a place with none fails its steps saying
     *     what to configure
     * @param maxLogBytes how much of a job's output is kept, the newest lines
     */
    public JobWorkflow(SourceCheckouts checkouts, List<JobRunner> runners, JobLogs logs, long maxLogBytes) {
        this.checkouts = checkouts;
        this.runners = runners.stream().collect(Collectors.toUnmodifiableMap(JobRunner::place, runner -> runner));
        this.logs = logs;
        this.maxLogBytes = maxLogBytes;
    }

    /** The step's outputs when the job passed; a {@link BuildFailure} saying why otherwise. */
    public Map<String, String> run(JobRequest request, JobOutput watchers) {
        JobSpec job = request.spec();
        JobRunner runner = runners.get(job.place().planName());
        if (runner == null) {
            throw BuildFailure.permanent(
                    FailureKind.UNSUPPORTED,
                    "job " + job.name() + " for " + job.service() + " runs on "
                            + job.place().planName()
                            + ", which this build-service is not configured for; configure ferry.build.jobs."
                            + job.place().planName() + " or choose another runsOn");
        }
        var log = new JobLog(job.secrets(), maxLogBytes, watchers);
        JobEnd end = request.files()
                .map(files -> checkouts.withCheckout(
                        files.repository(),
                        files.commit(),
                        files.credentialRef(),
                        checkout -> runner.run(
                                job.withWorkspace(
                                        checkout.within(files.directory()).directory()),
                                log)))
                .orElseGet(() -> runner.run(job, log));
        String logUrl = end.logUrl() != null ? end.logUrl() : logs.keep(job.name(), log.text());
        return JobVerdict.judge(job, end, request.expectOutput(), log, logUrl);
    }
}
