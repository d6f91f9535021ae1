package dev.ferry.build.buildah;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageReferences;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.job.JobEnd;
import dev.ferry.build.domain.job.JobOutput;
import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.domain.job.JobSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs a job on the worker's own machine: {@code buildah from} pulls the image into Ferry's buildah storage as a
 * container named after the job, {@code buildah run} runs the command in its root file system (chroot isolation, the
 * service's files bind-mounted at the working directory), and the container is removed afterwards.
 *
 * <p>Chroot isolation cannot give a job a network of its own, so a job without network runs buildah in a network
 * namespace with only loopback (a health check against a server the job starts still works). That namespace belongs
 * to a new user namespace mapping every uid and gid to itself: creating a network namespace directly would need
 * {@code CAP_SYS_ADMIN} and bringing loopback up {@code CAP_NET_ADMIN}, and given {@code CAP_SYS_ADMIN} buildah runs
 * without a user namespace of its own and needs thirteen capabilities in all; this way a job needs no capability a
 * build does not (docs/deployment.md lists them). The variables, credentials among them, are on buildah's command line, which
 * only this machine's root sees; nothing here logs it.
 */
public final class BuildahJobRunner implements JobRunner {

    /** What buildah adds after a command that failed; the job's own output is what the step shows. */
    private static final Pattern BUILDAH_EPILOGUE = Pattern.compile(
            "^(subprocess exited with status \\d+|Error: exit status \\d+|Error: while running runtime:.*)$");

    /**
     * buildah in a new user and network namespace: the shell starts {@code unshare --user --net}, waits until the
     * child is in its namespace, maps uids and gids 0 to 2^32-2 to themselves (writing the maps of a child needs
     * {@code CAP_SETUID}, {@code CAP_SETGID} and, for uid 0, {@code CAP_SETFCAP}, which builds need too), and the
     * child, once mapped, brings loopback up (ip from iproute2, or busybox's) and becomes buildah. {@code --keep-caps}
     * carries the child's capabilities inside its namespace across those execs, which no_new_privs (Kubernetes'
     * {@code allowPrivilegeEscalation: false}) would otherwise withhold, and {@code sh -p} keeps the child's shell from
     * setting its uid to its "real" one when the map is written while the shell starts (it then saw uid 65534 and
     * euid 0, and buildah ran without capabilities). A map that cannot be written stops the child and exits 125
     * saying why.
     */
    private static final String OWN_NAMESPACES = """
            unshare --user --net --keep-caps -- /bin/sh -p -c '
              until read -r mapped < /proc/self/uid_map; do sleep 0.01; done
              { ip link set lo up || busybox ip link set lo up; } 2>/dev/null
              exec "$@"' ferry-job "$@" &
            job=$!
            outer=$(readlink /proc/self/ns/user)
            while [ "$(readlink /proc/$job/ns/user)" = "$outer" ]; do sleep 0.01; done
            if echo '0 0 4294967295' > /proc/$job/gid_map && echo '0 0 4294967295' > /proc/$job/uid_map; then
              wait $job
            else
              kill -9 $job 2>/dev/null
              echo "cannot give the job a user namespace of its own: build-service needs user namespaces, a seccomp profile that allows unshare, and CAP_SETUID, CAP_SETGID and CAP_SETFCAP (docs/deployment.md)" >&2
              exit 125
            fi
            """;

    private static final List<String> NO_NETWORK = List.of("/bin/sh", "-c", OWN_NAMESPACES, "ferry-job");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ARCHIVE = Pattern.compile("(docker-archive|oci-archive|oci):");

    private final BuildahCommand buildah;
    private final Duration pullTimeout;
    private final Function<String, Optional<RegistryCredentials>> credentialsForHost;

    /**
     * @param storage the buildah storage builds use too, so an image built here is not pulled again
     * @param pullTimeout how long pulling the image may take, outside the job's own deadline
     * @param credentialsForHost credentials for the registry the image is pulled from
     */
    public BuildahJobRunner(
            Path executable,
            Path storage,
            Set<String> plainHttpRegistries,
            Duration pullTimeout,
            Function<String, Optional<RegistryCredentials>> credentialsForHost) {
        this.buildah = new BuildahCommand(executable, storage, plainHttpRegistries, pullTimeout);
        this.pullTimeout = pullTimeout;
        this.credentialsForHost = credentialsForHost;
    }

    @Override
    public String place() {
        return "local";
    }

    @Override
    public JobEnd run(JobSpec job, JobOutput output) {
        if (job.image() == null || job.image().isBlank()) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT, "job " + job.name() + " for " + job.service() + " names no image");
        }
        long started = System.nanoTime();
        // A container of this name is left from a worker that stopped mid-job; the job it ran stopped with it.
        remove(job.name());
        try {
            pull(job);
            List<String> command = job.command().isEmpty() ? imageCommand(job) : job.command();
            OptionalInt exit = buildah.runWithin(
                    isolated(job),
                    List.of(),
                    "run",
                    runArguments(job, command),
                    line -> {
                        if (!BUILDAH_EPILOGUE.matcher(line).matches()) {
                            output.line(line);
                        }
                    },
                    job.deadline());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return exit.isPresent() ? JobEnd.exited(exit.getAsInt(), took) : JobEnd.stoppedAtDeadline(took);
        } finally {
            remove(job.name());
        }
    }

    private void pull(JobSpec job) {
        var printed = new BuildahOutput();
        Map<String, RegistryCredentials> byHost = new LinkedHashMap<>();
        ImageReferences.hostOf(job.image())
                .ifPresent(
                        host -> credentialsForHost.apply(host).ifPresent(credentials -> byHost.put(host, credentials)));
        try (AuthFile auth = AuthFile.write(buildah.scratch(), byHost)) {
            int exit = buildah.run(
                    false,
                    "from",
                    List.of(
                            "--name",
                            job.name(),
                            "--pull",
                            "--authfile",
                            auth.path().toString(),
                            source(job.image())),
                    printed);
            if (exit != 0) {
                throw BuildahFailures.ofPull(job.image(), printed, exit);
            }
        }
    }

    /**
     * buildah's name for the image: a tarball as it is (an image built where the plan names no registry is one), a
     * registry image through {@code docker://}.
     */
    private static String source(String image) {
        return ARCHIVE.matcher(image).lookingAt() ? image : "docker://" + image;
    }

    /** The image's entrypoint and command, as a container engine would run them when the plan names no command. */
    private List<String> imageCommand(JobSpec job) {
        var printed = new StringBuilder();
        OptionalInt exit = buildah.runWithin(
                List.of(),
                List.of(),
                "inspect",
                List.of("--type", "container", job.name()),
                line -> printed.append(line).append('\n'),
                pullTimeout);
        var command = new ArrayList<String>();
        try {
            JsonNode config = JSON.readTree(printed.toString()).path("OCIv1").path("config");
            config.path("Entrypoint").forEach(word -> command.add(word.asText()));
            config.path("Cmd").forEach(word -> command.add(word.asText()));
        } catch (IOException e) {
            throw BuildFailure.retryable(
                    FailureKind.INTERNAL,
                    "cannot read the configuration of " + job.image() + " (buildah inspect exit " + exit.orElse(-1)
                            + ")",
                    e);
        }
        if (command.isEmpty()) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT,
                    "job " + job.name() + " gives no command and image " + job.image() + " has none of its own;"
                            + " give the run phase a command");
        }
        return command;
    }

    private static List<String> isolated(JobSpec job) {
        return job.place() instanceof JobPlace.Local local && local.network() ? List.of() : NO_NETWORK;
    }

    private static List<String> runArguments(JobSpec job, List<String> command) {
        var args = new ArrayList<String>(List.of("--isolation", "chroot"));
        job.environment().forEach((name, value) -> args.addAll(List.of("--env", name + "=" + value)));
        job.workspace()
                .ifPresent(directory ->
                        args.addAll(List.of("--volume", directory.toAbsolutePath() + ":" + job.workingDirectory())));
        args.addAll(List.of("--workingdir", job.workingDirectory(), job.name(), "--"));
        args.addAll(command);
        return args;
    }

    private void remove(String container) {
        buildah.runWithin(List.of(), List.of(), "rm", List.of(container), line -> {}, pullTimeout);
    }
}
