package dev.ferry.planner.app;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last lines each running job printed ({@code step.progress} with unit {@code lines}), and how far each long step
 * is (the newest {@code step.progress} with a percentage: bytes uploaded, rows copied), for the status API, the
 * dashboard's progress bars and {@code ferry status --watch}. Kept in memory only, never in the journal: they are a view of a job while it runs, and
 * its whole output is kept by the worker that ran it. Bounded: {@link #LINES} per step, the newest
 * {@link #RUNS} runs. With several planner instances, the one that consumed the progress has the lines.
 */
public final class LiveOutput {

    public static final int LINES = 5;
    static final int RUNS = 500;

    private final Map<String, Map<String, Deque<String>>> byRun =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Deque<String>>> eldest) {
                    return size() > RUNS;
                }
            });
    private final Map<String, Map<String, Double>> percents =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Double>> eldest) {
                    return size() > RUNS;
                }
            });
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Records how far a step is, 0 to 100, and tells the listeners which run changed. */
    public void progressed(String migrationId, String phase, String service, double percent) {
        percents.computeIfAbsent(migrationId, id -> new ConcurrentHashMap<>())
                .put(key(phase, service), Math.max(0, Math.min(100, percent)));
        listeners.forEach(listener -> listener.accept(migrationId));
    }

    /** How far the step is, 0 to 100, from its newest progress report; null when it sent none (here). */
    public Double percentOf(String migrationId, String phase, String service) {
        Map<String, Double> run = percents.get(migrationId);
        return run == null ? null : run.get(key(phase, service));
    }

    /** Adds the lines a job of {@code service} in {@code phase} printed, and tells the listeners which run changed. */
    public void printed(String migrationId, String phase, String service, String text) {
        synchronized (byRun) {
            Deque<String> lines = byRun.computeIfAbsent(migrationId, id -> new LinkedHashMap<>())
                    .computeIfAbsent(key(phase, service), key -> new ArrayDeque<>());
            text.lines().forEach(line -> {
                lines.addLast(line);
                if (lines.size() > LINES) {
                    lines.removeFirst();
                }
            });
        }
        listeners.forEach(listener -> listener.accept(migrationId));
    }

    /** The last lines of the job of {@code service} in {@code phase}; empty when it printed none (here). */
    public List<String> of(String migrationId, String phase, String service) {
        synchronized (byRun) {
            Map<String, Deque<String>> run = byRun.get(migrationId);
            Deque<String> lines = run == null ? null : run.get(key(phase, service));
            return lines == null ? List.of() : List.copyOf(lines);
        }
    }

    /** Told the run's id whenever one of its jobs printed. */
    public void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    private static String key(String phase, String service) {
        return phase + "/" + service;
    }
}
