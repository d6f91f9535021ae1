package dev.ferry.build.domain.job;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job and what its step asks of it besides running.
 *
 * @param files the service's files to check out into the job's workspace; empty for a workflow run
 * @param expectOutput what the output must match, besides exit code 0, for the step to pass
 */
public record JobRequest(JobSpec spec, Optional<ServiceFiles> files, Optional<Pattern> expectOutput) {

    public JobRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(expectOutput, "expectOutput");
    }

    /**
     * The service's files: {@code directory} (the whole repository when empty) of {@code repository} at
     * {@code commit}, read with {@code credentialRef} when it is private (null otherwise).
     */
    public record ServiceFiles(String repository, String commit, String directory, String credentialRef) {}
}
