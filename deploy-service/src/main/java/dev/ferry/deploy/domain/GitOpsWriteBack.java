package dev.ferry.deploy.domain;

import dev.ferry.deploy.domain.manifest.EditResult;
import dev.ferry.deploy.domain.manifest.ManifestEditor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Writes tag changes into one branch of one GitOps repository without ever losing one.
 *
 * <p>Changes are queued; a single drainer takes everything queued so far as one batch, edits the files on the remote's
 * current head, makes one commit and pushes. While that push is on the wire, new changes queue up and form the next
 * batch, so a burst of deploys becomes a handful of commits. When another writer pushed first, the push is rejected as
 * a non-fast-forward: the batch is re-applied on the new head and pushed again, never forced.
 */
public final class GitOpsWriteBack {

    /** How far back a redelivered step looks for its own commit; batches of a burst land well within it. */
    private static final int TRAILER_SEARCH_DEPTH = 500;

    private final GitOpsWorkspace workspace;
    private final Executor executor;
    private final int maxPushAttempts;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong rejectedPushes = new AtomicLong();

    public GitOpsWriteBack(GitOpsWorkspace workspace, Executor executor, int maxPushAttempts) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (maxPushAttempts < 1) {
            throw new IllegalArgumentException("maxPushAttempts must be at least 1");
        }
        this.maxPushAttempts = maxPushAttempts;
    }

    /** Completes when the change is pushed (or found already there); fails with a {@link StepFailure}. */
    public CompletableFuture<WriteOutcome> submit(TagChange change) {
        var pending = new Pending(change, new CompletableFuture<>());
        queue.add(pending);
        scheduleDrain();
        return pending.result;
    }

    /** Whether {@code revision} contains {@code commit}, on this repository. */
    public boolean contains(String revision, String commit) {
        synchronized (workspace) {
            return workspace.contains(revision, commit);
        }
    }

    /** The file's text at the branch's remote head, or empty when the branch has no such file. */
    public Optional<String> read(String file) {
        synchronized (workspace) {
            workspace.syncToRemote();
            return workspace.read(file);
        }
    }

    /**
     * Commits one edit of one existing file on its own, in turn with the tag batches and with the same push retries:
     * each attempt applies {@code edit} to the file at the remote's head.
     *
     * @param edit the new text, or empty when the file needs no change
     * @return the pushed commit, or empty when the edit changed nothing
     */
    public Optional<String> commitEdit(String file, Function<String, Optional<String>> edit, String message) {
        return commitWithRetries(
                () -> {
                    String text = workspace
                            .read(file)
                            .orElseThrow(() -> new StepFailure(
                                    StepFailure.Kind.NOT_FOUND,
                                    false,
                                    "GitOps file " + file + " does not exist on the branch; check the phase's file"));
                    Optional<String> edited = edit.apply(text);
                    edited.ifPresent(e -> workspace.write(file, e));
                    return edited.isPresent();
                },
                message);
    }

    /**
     * Writes whole files in one commit, in turn with the tag batches and with the same push retries. On each attempt
     * {@code content} gets the file's text at the remote's head (empty when it does not exist) and returns what the
     * file must hold; only files whose text changes are written.
     *
     * @return the pushed commit, or empty when every file already held its text
     */
    public Optional<String> commitFiles(
            Iterable<String> files, BiFunction<String, Optional<String>, String> content, String message) {
        return commitWithRetries(
                () -> {
                    boolean changed = false;
                    for (String file : files) {
                        Optional<String> before = workspace.read(file);
                        String after = content.apply(file, before);
                        if (before.isEmpty() || !before.get().equals(after)) {
                            workspace.write(file, after);
                            changed = true;
                        }
                    }
                    return changed;
                },
                message);
    }

    /**
     * Applies {@code write} to the remote's head and pushes one commit, again on a fresh head after each rejected
     * push; {@code write} returns false when it changed nothing, and then nothing is committed.
     */
    private Optional<String> commitWithRetries(BooleanSupplier write, String message) {
        synchronized (workspace) {
            for (int attempt = 1; attempt <= maxPushAttempts; attempt++) {
                workspace.syncToRemote();
                if (!write.getAsBoolean()) {
                    return Optional.empty();
                }
                String commit = workspace.commit(message);
                if (workspace.push()) {
                    commits.incrementAndGet();
                    return Optional.of(commit);
                }
                rejectedPushes.incrementAndGet();
            }
            throw keptMoving();
        }
    }

    public long commitsMade() {
        return commits.get();
    }

    public long pushesRejected() {
        return rejectedPushes.get();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            List<Pending> batch;
            while (!(batch = takeQueued()).isEmpty()) {
                write(batch);
            }
        } finally {
            draining.set(false);
        }
        // A change queued after the last take but before the flag was cleared would otherwise wait for the next one.
        if (!queue.isEmpty()) {
            scheduleDrain();
        }
    }

    private List<Pending> takeQueued() {
        var batch = new ArrayList<Pending>();
        for (Pending p; (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        try {
            synchronized (workspace) {
                writeWithRetries(batch);
            }
        } catch (StepFailure failure) {
            batch.forEach(p -> p.result.completeExceptionally(failure));
        } catch (RuntimeException unexpected) {
            var failure = new StepFailure(
                    StepFailure.Kind.INTERNAL,
                    true,
                    "GitOps write-back failed unexpectedly: " + unexpected.getMessage(),
                    unexpected);
            batch.forEach(p -> p.result.completeExceptionally(failure));
        }
    }

    private void writeWithRetries(List<Pending> batch) {
        for (int attempt = 1; attempt <= maxPushAttempts; attempt++) {
            String head = workspace.syncToRemote();
            var live = batch.stream().filter(p -> !p.result.isDone()).toList();
            Map<Pending, Optional<String>> changed = applyAll(live);
            if (changed.isEmpty()) {
                live.forEach(p -> p.result.complete(alreadyCurrent(p, head)));
                return;
            }
            String commit = workspace.commit(CommitMessage.of(
                    changed.keySet().stream().map(Pending::change).toList()));
            if (workspace.push()) {
                commits.incrementAndGet();
                for (Pending p : live) {
                    p.result.complete(
                            changed.containsKey(p)
                                    ? new WriteOutcome.Committed(commit, changed.size(), attempt, changed.get(p))
                                    : alreadyCurrent(p, head));
                }
                return;
            }
            rejectedPushes.incrementAndGet();
        }
        throw keptMoving();
    }

    private StepFailure keptMoving() {
        return new StepFailure(
                StepFailure.Kind.CONFLICT,
                true,
                "the GitOps branch kept moving: " + maxPushAttempts + " pushes in a row were rejected as"
                        + " non-fast-forward; another writer is pushing continuously, retry the step");
    }

    private WriteOutcome alreadyCurrent(Pending pending, String head) {
        return workspace
                .findCommitWithTrailer(CommitMessage.STEP_TRAILER, pending.change.stepId(), TRAILER_SEARCH_DEPTH)
                .<WriteOutcome>map(WriteOutcome.FoundEarlier::new)
                .orElseGet(() -> new WriteOutcome.AlreadyCurrent(head));
    }

    /**
     * Edits every file of the batch on the fresh head. A change whose file cannot take it fails alone; the others go
     * on. Returns the changes that altered a file, each with the version it replaced (none in a file it created).
     */
    private Map<Pending, Optional<String>> applyAll(List<Pending> live) {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> original = new LinkedHashMap<>();
        Set<String> createdFiles = new HashSet<>();
        var changed = new LinkedHashMap<Pending, Optional<String>>();
        for (Pending p : live) {
            var change = p.change;
            try {
                boolean created = createMissing(change, texts, createdFiles);
                String text = texts.computeIfAbsent(change.file(), f -> read(f, change));
                original.putIfAbsent(change.file(), text);
                if (ManifestEditor.edit(change.file(), text, change.location(), change.version())
                        instanceof EditResult.Changed edited) {
                    texts.put(change.file(), edited.text());
                    changed.put(p, created ? Optional.empty() : Optional.ofNullable(edited.previous()));
                } else if (created) {
                    changed.put(p, Optional.empty());
                }
            } catch (StepFailure failure) {
                p.result.completeExceptionally(failure);
            }
        }
        texts.forEach((file, text) -> {
            if (createdFiles.contains(file) || !text.equals(original.get(file))) {
                workspace.write(file, text);
            }
        });
        return changed;
    }

    /** Puts the bootstrap files the branch lacks into {@code texts}; true when it created any. */
    private boolean createMissing(TagChange change, Map<String, String> texts, Set<String> createdFiles) {
        boolean created = false;
        for (var file : change.createIfMissing().entrySet()) {
            if (!texts.containsKey(file.getKey())
                    && workspace.read(file.getKey()).isEmpty()) {
                texts.put(file.getKey(), file.getValue());
                createdFiles.add(file.getKey());
                created = true;
            }
        }
        return created;
    }

    private String read(String file, TagChange change) {
        return workspace
                .read(file)
                .orElseThrow(() -> new StepFailure(
                        StepFailure.Kind.NOT_FOUND,
                        false,
                        "GitOps file " + file + " does not exist on the branch; it should hold " + change.service()
                                + "'s tag for " + change.environment()
                                + ". Create it (or ask the plan to bootstrap the repository)"));
    }

    private record Pending(TagChange change, CompletableFuture<WriteOutcome> result) {}
}
