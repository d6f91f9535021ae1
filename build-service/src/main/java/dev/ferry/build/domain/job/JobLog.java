package dev.ferry.build.domain.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A job's output as Ferry keeps it: the credentials' values masked in every line before anything else sees it, lines
 * cut at {@link #MAX_LINE} characters, and at most {@code maxBytes} kept, the oldest lines dropped first (a job whose
 * output never ends cannot fill the worker's memory or disk). Each kept line also goes on to {@code watchers} (the
 * step's progress), already masked.
 */
public final class JobLog implements JobOutput {

    static final int MAX_LINE = 2_000;
    private static final String MASK = "***";

    private final List<String> secrets;
    private final long maxBytes;
    private final JobOutput watchers;
    private final Deque<String> lines = new ArrayDeque<>();
    private long bytes;
    private long dropped;
    private long total;

    public JobLog(Set<String> secrets, long maxBytes, JobOutput watchers) {
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = secrets.stream()
                .filter(secret -> !secret.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.maxBytes = maxBytes;
        this.watchers = watchers;
    }

    @Override
    public synchronized void line(String text) {
        String kept = masked(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + " [line cut]" : text);
        lines.addLast(kept);
        bytes += size(kept);
        total++;
        while (bytes > maxBytes && lines.size() > 1) {
            bytes -= size(lines.removeFirst());
            dropped++;
        }
        watchers.line(kept);
    }

    /** The last {@code count} lines kept. */
    public synchronized List<String> tail(int count) {
        var tail = new ArrayList<>(lines);
        return List.copyOf(tail.subList(Math.max(0, tail.size() - count), tail.size()));
    }

    /** Every line kept, after a note of how many were dropped when there were some. */
    public synchronized String text() {
        var text = new StringBuilder();
        if (dropped > 0) {
            text.append("[")
                    .append(dropped)
                    .append(" earlier lines of ")
                    .append(total)
                    .append(" dropped: Ferry keeps the last ")
                    .append(maxBytes)
                    .append(" bytes of a job's output]\n");
        }
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    public synchronized long linesDropped() {
        return dropped;
    }

    /** The text with every credential's value replaced by {@code ***}. */
    public String masked(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    private static long size(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length + 1L;
    }
}
