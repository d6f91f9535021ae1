package dev.ferry.repo;

import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.jgit.JGitHistorySplitter;
import dev.ferry.repo.jgit.SplitProgress;
import dev.ferry.repo.jgit.SplitResult;
import dev.ferry.repo.jgit.WorkRepositories;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The split engine from the command line, without Kafka or Spring: what {@code bench/repo-split} times against git
 * filter-repo. Prints one line per service (its split head and counts) and a summary with wall time and peak heap.
 *
 * <p>usage: {@code SplitCommand SOURCE_GIT_DIR BRANCH WORK_GIT_DIR STATE_FILE|- PATH...}
 */
public final class SplitCommand {

    private SplitCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: SplitCommand SOURCE_GIT_DIR BRANCH WORK_GIT_DIR STATE_FILE|- PATH...");
            System.exit(2);
        }
        List<ServicePath> paths =
                Arrays.stream(args, 4, args.length).map(ServicePath::of).toList();
        Path state = args[3].equals("-") ? null : Path.of(args[3]);
        long opening = System.nanoTime();
        Map<ServicePath, SplitResult> results;
        long started;
        try (var source = new FileRepositoryBuilder()
                        .setGitDir(Path.of(args[0]).toFile())
                        .setMustExist(true)
                        .build();
                var work = WorkRepositories.borrowingFrom(source, Path.of(args[2]))) {
            // JGit's first repository in a JVM probes the file system and git's system config (seconds on a busy
            // machine); a running repo-service pays that once at start, so the split is timed from here.
            started = System.nanoTime();
            results = JGitHistorySplitter.of(source, work).split(args[1], paths, state, SplitProgress.NONE);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long openMillis = (started - opening) / 1_000_000;
        int walked = 0;
        for (SplitResult result : results.values()) {
            walked = result.commitsWalkedThisRun();
            System.out.printf(
                    "%s %s kept=%d of %d%n",
                    result.layout(),
                    result.head().map(id -> id.name()).orElse("-"),
                    result.commitsKept(),
                    result.commitsWalked());
        }
        System.out.printf(
                "split services=%d walked=%d millis=%d openMillis=%d peakHeapMiB=%d%n",
                paths.size(), walked, millis, openMillis, peakHeapBytes() / (1024 * 1024));
    }

    /** Sum of every heap pool's peak: an upper bound of the heap the split needed at once. */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}
