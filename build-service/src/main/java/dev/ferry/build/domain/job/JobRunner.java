package dev.ferry.build.domain.job;

/**
 * Port: runs a job in one place until it ends. A runner asked again for a job whose name it already started (a
 * redelivered {@code phase.started}) follows that job instead of starting a second one.
 */
public interface JobRunner {

    /** The place this runner runs jobs in, as plans name it ({@code runsOn}: local, kubernetes, github-actions). */
    String place();

    /**
     * Runs {@code job} and returns how it ended, handing each line of its output to {@code output} as it comes. A job
     * that passes its deadline is stopped and reported {@link JobEnd#timedOut()}; what keeps it from starting (an
     * image that does not exist, a cluster that does not answer) is thrown as a {@code BuildFailure} naming it.
     */
    JobEnd run(JobSpec job, JobOutput output);
}
