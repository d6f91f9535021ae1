package dev.ferry.deploy.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** One {@link GitOpsWriteBack} per GitOps branch, so every change to a branch goes through the same queue. */
public final class WriteBacks {

    private final GitOpsWorkspaces workspaces;
    private final Executor executor;
    private final int maxPushAttempts;
    private final Map<GitOpsTarget, GitOpsWriteBack> byTarget = new ConcurrentHashMap<>();

    public WriteBacks(GitOpsWorkspaces workspaces, Executor executor, int maxPushAttempts) {
        this.workspaces = workspaces;
        this.executor = executor;
        this.maxPushAttempts = maxPushAttempts;
    }

    /** Pushes lost to another writer of their branch (each retried), over every branch written so far. */
    public long pushesRejected() {
        return byTarget.values().stream()
                .mapToLong(GitOpsWriteBack::pushesRejected)
                .sum();
    }

    public GitOpsWriteBack forTarget(GitOpsTarget target) {
        // Credentials are part of the key: a different secret for the same branch gets its own working copy.
        return byTarget.computeIfAbsent(
                target, t -> new GitOpsWriteBack(workspaces.open(t), executor, maxPushAttempts));
    }
}
