package dev.ferry.build.domain.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One job, ready to run: everything a {@link JobRunner} needs, with credentials already resolved.
 *
 * @param name unique per step attempt and stable across redeliveries ({@link JobNames}); a runner finds a job it
 *     already started by it
 * @param image the image reference to run; null for a workflow run, whose workflow names its own
 * @param command the words to run; empty for the image's own entrypoint and command
 * @param environment the job's variables, credentials' values among them
 * @param secrets the values that must never reach a log, an event or a result; {@link JobLog} masks them
 * @param workspace the service's files at the run's commit, checked out for the job; empty for a workflow run
 * @param workingDirectory where the workspace is inside the job, and the directory the command starts in
 * @param deadline how long the job may run before it is stopped and the step fails as TIMEOUT
 */
public record JobSpec(
        String name,
        String service,
        String image,
        List<String> command,
        Map<String, String> environment,
        Set<String> secrets,
        Optional<Path> workspace,
        String workingDirectory,
        Duration deadline,
        JobPlace place) {

    public JobSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        secrets = Set.copyOf(secrets);
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(place, "place");
    }

    /** The same job with the service's files checked out at {@code directory}. */
    public JobSpec withWorkspace(Path directory) {
        return new JobSpec(
                name,
                service,
                image,
                command,
                environment,
                secrets,
                Optional.of(directory),
                workingDirectory,
                deadline,
                place);
    }
}
