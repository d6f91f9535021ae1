package dev.ferry.build.buildah;

import dev.ferry.build.domain.job.JobEnd;
import dev.ferry.build.domain.job.JobOutput;
import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.domain.job.JobSpec;

/** The local place on a machine without buildah: a job that runs locally fails saying what to install. */
public final class NoLocalJobs implements JobRunner {

    private final String configured;

    /** @param configured the program as configured ({@code buildah}, or a path) */
    public NoLocalJobs(String configured) {
        this.configured = configured;
    }

    @Override
    public String place() {
        return "local";
    }

    @Override
    public JobEnd run(JobSpec job, JobOutput output) {
        throw BuildahInstallation.missing(configured);
    }
}
