package dev.ferry.demo;

import dev.ferry.cli.CliFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The process id a running {@code ferry up} writes under its data directory, for {@code ferry down}. */
record UpState(Path dataDirectory) {

    Path pidFile() {
        return dataDirectory.resolve("ferry-up.pid");
    }

    /** The running {@code ferry up} of this data directory, if there is one (a stale file is not one). */
    Optional<ProcessHandle> running() {
        try {
            if (!Files.isRegularFile(pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void write() {
        try {
            Files.writeString(pidFile(), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new CliFailure("cannot write " + pidFile() + ": " + e.getMessage(), e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException ignored) {
            // A stale file is recognised as stale by the next `ferry up`.
        }
    }

    /** Refuses a second Ferry on a data directory one is running on: they would share its database. */
    void requireNotRunning(String command) {
        running().ifPresent(process -> {
            throw new CliFailure(
                    "Ferry is up in " + dataDirectory + " (process " + process.pid() + "): "
                            + ("up".equals(command)
                                    ? "it runs already; its dashboard and `ferry apply` work now, or stop it with `ferry down`"
                                    : "use `ferry apply FILE` and `ferry status ID --watch` against it, or another --data-dir"));
        });
    }
}
