package dev.ferry.repo.jgit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real git command line in tests: the reference implementation Ferry's split is compared with. */
public final class GitCli {

    private GitCli() {}

    public static String run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add("git");
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", arguments) + " failed in " + workingDirectory
                    + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.ISO_8859_1);
    }

    public static List<String> lines(Path workingDirectory, String... arguments)
            throws IOException, InterruptedException {
        return run(workingDirectory, arguments)
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
    }
}
