package dev.ferry.build.buildah;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one buildah run printed that Ferry uses: the last lines a person needs when it fails, the step it was at, and
 * which blobs a push sent or found in the registry already. Debug lines (asked for on pushes, to learn about skipped
 * blobs) are read for that and never kept for messages.
 */
final class BuildahOutput {

    static final int TAIL_LINES = 50;

    /** {@code [2/3] STEP 4/6: RUN npm ci} in a multi-stage build, {@code STEP 4/6: RUN npm ci} in a single one. */
    private static final Pattern STEP = Pattern.compile("^(?:\\[(\\d+)/\\d+] )?STEP (\\d+)/\\d+: (.*)$");

    private static final Pattern COPYING_BLOB = Pattern.compile("^Copying blob (sha256:[0-9a-f]{64})");
    private static final Pattern SKIPPING_BLOB =
            Pattern.compile("level=debug msg=\"Skipping blob (sha256:[0-9a-f]{64}) \\(already present\\)");
    private static final Pattern UPLOADED_BLOB =
            Pattern.compile("level=debug msg=\"Upload of layer (sha256:[0-9a-f]{64}) complete");

    /** Where a build was: the stage (from 1), the step in it (from 1, FROM being 1) and the instruction. */
    record Step(int stage, int number, String instruction) {}

    private final Deque<String> tail = new ArrayDeque<>();
    private final Set<String> copied = new LinkedHashSet<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private final Set<String> uploaded = new LinkedHashSet<>();
    private Step step;

    void accept(String line) {
        if (line.contains("level=debug")) {
            find(SKIPPING_BLOB, line).ifPresent(skipped::add);
            find(UPLOADED_BLOB, line).ifPresent(uploaded::add);
            return;
        }
        Matcher matcher = STEP.matcher(line);
        if (matcher.matches()) {
            int stage = matcher.group(1) == null ? 1 : Integer.parseInt(matcher.group(1));
            step = new Step(stage, Integer.parseInt(matcher.group(2)), matcher.group(3));
        }
        find(COPYING_BLOB, line).ifPresent(copied::add);
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    /** The last {@value #TAIL_LINES} lines buildah printed (debug lines left out). */
    List<String> tail() {
        return List.copyOf(tail);
    }

    /** The last step buildah started, if it printed one. */
    Optional<Step> step() {
        return Optional.ofNullable(step);
    }

    /** Blobs (by their digest in local storage) a push handled: sent, or found in the registry. */
    Set<String> blobsCopied() {
        return Set.copyOf(copied);
    }

    /** Blobs (by their digest in local storage) a push found in the registry already, or mounted there. */
    Set<String> blobsSkipped() {
        return Set.copyOf(skipped);
    }

    /** Blobs (by their digest as sent, compressed; the configuration included) a push uploaded. */
    Set<String> blobsUploaded() {
        return Set.copyOf(uploaded);
    }

    private static Optional<String> find(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
