package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.ServicePath;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One service's split: the source commit it was split from, the split history's head (empty when no commit touched
 * the directory), and how many commits were walked and kept.
 */
public record SplitResult(
        ServicePath path, ObjectId sourceHead, Optional<ObjectId> head, int commitsWalked, int commitsKept) {}
