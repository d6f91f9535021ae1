package dev.ferry.build.domain.job;

/** Where a runner hands the job's output, a line at a time, as it comes. */
@FunctionalInterface
public interface JobOutput {

    /** One line of output, without its line break; stdout and stderr interleaved as they arrived. */
    void line(String text);
}
