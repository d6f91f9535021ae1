package dev.ferry.demo;

import dev.ferry.demo.embedded.FerryService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One replica of a Ferry service as an OS process of its own, which the chaos test kills with {@code SIGKILL} (no
 * shutdown hook, no offset commit, no goodbye to the consumer group) and starts again on the same settings.
 */
final class ServiceProcess {

    private final String name;
    private final FerryService service;
    private final Map<String, Object> settings;
    private final Path logs;
    private Process process;
    private Path log;
    private int lives;

    ServiceProcess(String name, FerryService service, Map<String, Object> settings, Path logs) {
        this.name = name;
        this.service = service;
        this.settings = Map.copyOf(settings);
        this.logs = logs;
    }

    String name() {
        return name;
    }

    FerryService service() {
        return service;
    }

    synchronized void start() {
        try {
            Files.createDirectories(logs);
            lives++;
            log = logs.resolve(name + "-" + lives + ".log");
            var command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx384m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ChaosServiceMain.class.getName(),
                    service.name()));
            settings.forEach((key, value) -> command.add("--" + key + "=" + value));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the service says it started (its listeners joined their groups); fails if it exits first. */
    void awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(ChaosServiceMain.STARTED)) {
            Process current;
            synchronized (this) {
                current = process;
            }
            if (!current.isAlive()) {
                throw new AssertionError(name + " exited with " + current.exitValue() + "; its log: " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not start within " + timeout + "; its log: " + log);
            }
            Thread.sleep(200);
        }
    }

    /** {@code kill -9}. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    private synchronized String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }
}
