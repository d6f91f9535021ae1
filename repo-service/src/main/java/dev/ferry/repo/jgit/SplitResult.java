package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitLayout;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One service's split: the source commit it was split from, the split history's head (empty when no commit touched the
 * directory), how many source commits its history covers and kept, how many this run walked (fewer than covered when it
 * continued an earlier split), and the source's tags rewritten onto split commits (tag name to new tag or commit id).
 */
public record SplitResult(
        SplitLayout layout,
        ObjectId sourceHead,
        Optional<ObjectId> head,
        int commitsWalked,
        int commitsKept,
        int commitsWalkedThisRun,
        Map<String, ObjectId> tags) {

    public SplitResult {
        tags = Map.copyOf(tags);
    }
}
