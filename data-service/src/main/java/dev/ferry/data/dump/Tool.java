package dev.ferry.data.dump;

import dev.ferry.data.domain.DataStepFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run of a database client (pg_dump, pg_restore, mariadb-dump, mariadb): the password travels in the environment
 * or an options file the caller made, never in the arguments; what the tool says on stderr is kept for the error.
 */
record Tool(List<String> command, Map<String, String> environment, Path input) {

    Tool {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    static Tool of(List<String> command, Map<String, String> environment) {
        return new Tool(command, environment, null);
    }

    Tool readingFrom(Path file) {
        return new Tool(command, environment, file);
    }

    /** Runs the tool to its end; fails naming the tool and what it wrote on stderr. */
    void run(String doing) {
        Path errors = null;
        try {
            errors = Files.createTempFile("ferry-tool", ".err");
            var builder = new ProcessBuilder(command).redirectError(errors.toFile());
            builder.environment().putAll(environment);
            if (input != null) {
                builder.redirectInput(input.toFile());
            } else {
                builder.redirectInput(
                        ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new DataStepFailure(
                        DataStepFailure.Kind.INTERNAL,
                        true,
                        "cannot " + doing + ": " + command.getFirst() + " exited with " + exit + ": "
                                + Files.readString(errors, StandardCharsets.UTF_8)
                                        .strip());
            }
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.UNSUPPORTED,
                    false,
                    "cannot " + doing + ": cannot run " + command.getFirst() + " (" + e.getMessage()
                            + "); data-service's image needs the PostgreSQL and MariaDB clients");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataStepFailure(DataStepFailure.Kind.INTERNAL, true, "interrupted while trying to " + doing);
        } finally {
            deleteQuietly(errors);
        }
    }

    /** The first line the tool prints for {@code --version}. */
    static String version(String tool) {
        try {
            var process = new ProcessBuilder(tool, "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out.lines().findFirst().orElse(tool).strip();
        } catch (IOException e) {
            return tool;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tool;
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary file left behind holds nothing secret (stderr) or is in a private folder.
        }
    }
}
