package dev.ferry.build.buildah;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Debian's {@code buildah} on Ferry's own storage: the vfs driver (no overlay mounts, so no extra privileges
 * beyond root), images and the layer cache under one directory kept between builds, and a registries.conf that lets
 * only the configured plain-HTTP registries be reached without TLS. Secrets never go on the command line: the
 * callers pass them in an auth file ({@link AuthFile}).
 */
final class BuildahCommand {

    private static final Logger log = LoggerFactory.getLogger(BuildahCommand.class);

    private final Path executable;
    private final Path storage;
    private final Duration timeout;

    /**
     * @param executable the buildah program; checked by {@link BuildahInstallation} before this is made
     * @param storage where images, layers, the cache and buildah's configuration live
     * @param plainHttpRegistries registry hosts reached over plain HTTP (a local registry); never a production one
     * @param timeout how long one buildah run may take (a RUN that never ends fails the build, not the service)
     */
    BuildahCommand(Path executable, Path storage, Set<String> plainHttpRegistries, Duration timeout) {
        this.executable = executable;
        this.storage = storage;
        this.timeout = timeout;
        writeConfiguration(plainHttpRegistries);
    }

    /**
     * Runs {@code buildah <storage flags> verb args...}, feeding every line it prints to {@code output}; its exit code.
     *
     * @param debug whether buildah logs at debug level (what a push skipped is only said there)
     */
    int run(boolean debug, String verb, List<String> args, BuildahOutput output) {
        return run(debug, verb, args, output, null);
    }

    /** As {@link #run(boolean, String, List, BuildahOutput)}, stopped at {@code deadline} when it comes first. */
    int run(boolean debug, String verb, List<String> args, BuildahOutput output, Duration deadline) {
        List<String> flags = debug ? List.of("--log-level", "debug") : List.of();
        Duration limit = deadline != null && deadline.compareTo(timeout) < 0 ? deadline : timeout;
        OptionalInt exit = runWithin(List.of(), flags, verb, args, output::accept, limit);
        if (exit.isEmpty()) {
            throw timedOut(verb, limit, output);
        }
        return exit.getAsInt();
    }

    /**
     * Runs {@code wrapper... buildah <storage flags> flags... verb args...}, feeding every line it prints to
     * {@code lines}; its exit code, or empty when it ran past {@code deadline} and was stopped with everything it
     * started. The arguments may hold a job's credentials, so only the verb is ever logged or put in a message.
     *
     * @param wrapper a program buildah runs under (a network namespace of its own), or nothing
     */
    OptionalInt runWithin(
            List<String> wrapper,
            List<String> flags,
            String verb,
            List<String> args,
            Consumer<String> lines,
            Duration deadline) {
        var command = new ArrayList<>(wrapper);
        command.add(executable.toString());
        command.addAll(List.of(
                "--root", storage.resolve("root").toString(),
                "--runroot", storage.resolve("run").toString(),
                "--storage-driver", "vfs"));
        command.addAll(flags);
        command.add(verb);
        command.addAll(args);
        log.debug("running buildah {}", verb);
        Process process = start(command);
        Thread reader = Thread.ofVirtual().start(() -> read(process, lines));
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                reader.join(Duration.ofSeconds(10));
                return OptionalInt.empty();
            }
            reader.join();
            return OptionalInt.of(process.exitValue());
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw BuildFailure.retryable(FailureKind.INTERNAL, "buildah " + verb + " was interrupted", e);
        }
    }

    /**
     * Kills the process, then everything it started. The descendants are listed first (once their parent is gone they
     * are no longer its descendants), and the parent goes first so that a wrapping shell cannot report its child's
     * death ("Killed") as the job's last line.
     */
    private static void stop(Process process) {
        var descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** The directory for one run's scratch files, inside Ferry's buildah directory. */
    Path scratch() {
        return storage.resolve("tmp");
    }

    /** A file for one run's scratch data (an image ID, a digest). */
    Path scratchFile(String prefix) {
        try {
            return Files.createTempFile(scratch(), prefix, ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch file under " + storage, e);
        }
    }

    Path scratchDirectory(String prefix) {
        try {
            return Files.createTempDirectory(scratch(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory under " + storage, e);
        }
    }

    Path policy() {
        return storage.resolve("policy.json");
    }

    private Process start(List<String> command) {
        // No input: a command that reads stdin (a shell) ends at once instead of waiting forever.
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment()
                .put(
                        "CONTAINERS_REGISTRIES_CONF",
                        storage.resolve("registries.conf").toString());
        // Layers are staged in TMPDIR; keep them on the disk Ferry was given, not in a small /var/tmp.
        builder.environment().put("TMPDIR", storage.resolve("tmp").toString());
        builder.environment().remove("REGISTRY_AUTH_FILE");
        try {
            return builder.start();
        } catch (IOException e) {
            throw BuildFailure.permanent(
                    FailureKind.UNSUPPORTED, "cannot start " + executable + ": " + e.getMessage(), e);
        }
    }

    private static void read(Process process, Consumer<String> output) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.accept(line);
            }
        } catch (IOException e) {
            // The process was killed (timeout) or closed its output; what was read is what there is.
            log.debug("stopped reading buildah's output: {}", e.getMessage());
        }
    }

    private static BuildFailure timedOut(String what, Duration limit, BuildahOutput output) {
        String where = output.step()
                .map(step -> " at step " + step.number() + " (" + step.instruction() + ")")
                .orElse("");
        return BuildFailure.retryable(
                FailureKind.TIMEOUT,
                "buildah " + what + " ran longer than " + limit + where + " and was stopped; the last lines it"
                        + " printed:\n" + String.join("\n", output.tail()),
                null);
    }

    /**
     * Writes buildah's configuration into its directory: the registries reached over plain HTTP (and only those), and
     * a signature policy that accepts images as Debian's default one does, so a machine without
     * {@code /etc/containers} works the same.
     */
    private void writeConfiguration(Set<String> plainHttpRegistries) {
        String registries = "unqualified-search-registries = [\"docker.io\"]\n"
                + plainHttpRegistries.stream()
                        .sorted()
                        .map(host -> "\n[[registry]]\nlocation = \"" + host + "\"\ninsecure = true\n")
                        .collect(Collectors.joining());
        try {
            Files.createDirectories(storage.resolve("tmp"));
            Files.writeString(storage.resolve("registries.conf"), registries);
            Files.writeString(policy(), "{\"default\": [{\"type\": \"insecureAcceptAnything\"}]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write buildah's configuration under " + storage, e);
        }
    }
}
