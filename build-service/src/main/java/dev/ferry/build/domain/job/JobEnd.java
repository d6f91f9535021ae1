package dev.ferry.build.domain.job;

import java.time.Duration;

/**
 * How a job ended, as its runner saw it; whether that passes the step is {@link JobVerdict}'s call.
 *
 * @param exitCode the command's exit code; meaningless when {@code timedOut}
 * @param timedOut the job was stopped at its deadline
 * @param logUrl where the whole output is kept outside Ferry (a workflow run's page), or null when Ferry keeps it
 */
public record JobEnd(int exitCode, boolean timedOut, Duration duration, String logUrl) {

    public static JobEnd exited(int exitCode, Duration duration) {
        return new JobEnd(exitCode, false, duration, null);
    }

    public static JobEnd stoppedAtDeadline(Duration duration) {
        return new JobEnd(-1, true, duration, null);
    }

    public JobEnd withLogUrl(String url) {
        return new JobEnd(exitCode, timedOut, duration, url);
    }
}
