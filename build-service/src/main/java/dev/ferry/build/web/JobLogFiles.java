package dev.ferry.build.web;

import dev.ferry.build.domain.job.JobLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Keeps each job's output as a file under one directory, named after the job, and links to it through
 * {@link JobLogController}. Job names are DNS labels ({@code JobNames}), so a name never leaves the directory.
 */
public final class JobLogFiles implements JobLogs {

    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final Path directory;
    private final Supplier<String> baseUrl;

    /** @param baseUrl how people reach this service, read when a link is made (the port is known only once started) */
    public JobLogFiles(Path directory, Supplier<String> baseUrl) {
        this.directory = directory;
        this.baseUrl = baseUrl;
    }

    @Override
    public String keep(String name, String text) {
        try {
            Files.createDirectories(directory);
            Files.writeString(file(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the log of job " + name + " under " + directory, e);
        }
        return baseUrl.get().replaceAll("/+$", "") + "/jobs/" + name + "/log";
    }

    /** The log of job {@code name}, when there is one. */
    Optional<String> read(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            Path file = file(name);
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of job " + name, e);
        }
    }

    private Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a job name: " + name);
        }
        return directory.resolve(name + ".log");
    }
}
