package dev.ferry.data.testing;

import static org.awaitility.Awaitility.await;

import dev.ferry.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * data-service in a JVM of its own, started as its main method would be, so a test can kill it the hard way
 * ({@code SIGKILL}: no shutdown hook, no offset flush) and start it again on the same data directory.
 */
public final class DataServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private DataServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts data-service with the given data directory and credentials, and waits until it listens. */
    public static DataServiceProcess start(Path dataDir, String... extraArguments) {
        try {
            Files.createDirectories(dataDir);
            Path log = Files.createTempFile(dataDir, "data-service-", ".log");
            var command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.ferry.data.DataApplication",
                    "--spring.kafka.bootstrap-servers="
                            + KafkaTestBroker.shared().bootstrapServers(),
                    "--server.port=0",
                    "--management.server.port=0",
                    "--ferry.data.data-dir=" + dataDir));
            command.addAll(List.of(extraArguments));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var service = new DataServiceProcess(process, log);
            service.awaitListening();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .conditionEvaluationListener(condition -> {
                    if (condition.getRemainingTimeInMS() < 300) {
                        System.out.println("data-service did not listen in time; its output:\n" + output());
                    }
                })
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("data-service exited with " + process.exitValue() + ":\n" + output());
                    }
                    return output().contains("partitions assigned: [phase.started");
                });
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the JVM at once, as a crash or {@code kill -9} would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(
                    java.util.concurrent.TimeUnit.SECONDS.toMillis(30), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
