package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.domain.SplitLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * The first half of a merge: each incoming repository's branch rewritten under its directory, as {@code git
 * filter-repo --to-subdirectory-filter} rewrites it, into the work repository. The histories are independent, so they
 * are rewritten on as many threads as there are processors; each thread writes one pack, so the push that follows finds
 * every new object in a few places.
 */
final class SubdirectoryRewrites {

    private final Repository work;
    private final int threads;
    private final boolean prefixTags;

    /** @param prefixTags whether each repository's tags are renamed {@code <directory>/<tag>} */
    SubdirectoryRewrites(Repository work, int threads, boolean prefixTags) {
        this.work = work;
        this.threads = threads;
        this.prefixTags = prefixTags;
    }

    /** Each repository's rewritten history, in the order given; the first failure (in that order) is thrown. */
    Map<RepositoryMerger.Incoming, SplitResult> rewrite(List<RepositoryMerger.Incoming> incoming) {
        var results = new SplitResult[incoming.size()];
        var failures = new RuntimeException[incoming.size()];
        var next = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, incoming.size()));
        try (var executor = Executors.newFixedThreadPool(
                workers, Thread.ofPlatform().name("ferry-rewrite-", 1).factory())) {
            var shares = new ArrayList<Future<?>>();
            for (int i = 0; i < workers; i++) {
                shares.add(executor.submit(() -> rewriteShare(incoming, next, results, failures)));
            }
            for (Future<?> share : shares) {
                waitFor(share);
            }
        }
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        var byIncoming = new LinkedHashMap<RepositoryMerger.Incoming, SplitResult>();
        for (int i = 0; i < incoming.size(); i++) {
            byIncoming.put(incoming.get(i), results[i]);
        }
        return byIncoming;
    }

    /**
     * Takes repositories from the list until none is left, writing their histories into one pack. Objects are written
     * without first asking whether the work repository has them: the rewritten trees and commits are new, and each
     * question that finds nothing costs a look at the file system.
     */
    private Void rewriteShare(
            List<RepositoryMerger.Incoming> incoming,
            AtomicInteger next,
            SplitResult[] results,
            RuntimeException[] failures) {
        try (ObjectInserter inserter = JGitHistorySplitter.packInserter(work)) {
            if (inserter instanceof PackInserter pack) {
                pack.checkExisting(false);
            }
            for (int i = next.getAndIncrement(); i < incoming.size(); i = next.getAndIncrement()) {
                try {
                    results[i] = rewriteOne(incoming.get(i), inserter);
                } catch (RuntimeException e) {
                    failures[i] = e;
                    next.set(incoming.size()); // the merge fails: the other threads stop taking work
                }
            }
            inserter.flush();
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.LOCAL_STORAGE,
                    "cannot write the rewritten histories into " + work.getDirectory() + ": " + e.getMessage(),
                    e);
        }
        return null;
    }

    private SplitResult rewriteOne(RepositoryMerger.Incoming in, ObjectInserter inserter) {
        SplitLayout layout = SplitLayout.underDirectory(in.directory());
        SplitResult result = JGitHistorySplitter.of(in.repository(), work)
                .writingWith(inserter)
                .renamingTags(prefixTags ? name -> in.directory().value() + "/" + name : UnaryOperator.identity())
                .splitLayouts(in.branch(), List.of(layout), null, SplitProgress.NONE)
                .get(layout);
        if (result.head().isEmpty()) {
            throw new SplitFailure(
                    SplitFailure.Kind.INVALID_REQUEST,
                    in.name() + " has no commit with a file on " + in.branch() + ": nothing to merge");
        }
        return result;
    }

    private static void waitFor(Future<?> share) {
        try {
            share.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SplitFailure(SplitFailure.Kind.LOCAL_STORAGE, "interrupted while rewriting histories", e);
        }
    }
}
