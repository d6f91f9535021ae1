package dev.ferry.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GitOpsWriteBackTest {

    /** An in-memory branch whose remote can be moved by "someone else" before a push. */
    static final class FakeWorkspace implements GitOpsWorkspace {
        final Map<String, String> remoteFiles = new HashMap<>();
        final List<String> remoteCommits = new ArrayList<>(List.of("c0"));
        final List<String> messages = new ArrayList<>();
        int racesToLose;
        private Map<String, String> working = new HashMap<>();
        private String base;

        @Override
        public String syncToRemote() {
            working = new HashMap<>(remoteFiles);
            base = remoteCommits.getLast();
            return base;
        }

        @Override
        public Optional<String> read(String path) {
            return Optional.ofNullable(working.get(path));
        }

        @Override
        public void write(String path, String text) {
            working.put(path, text);
        }

        @Override
        public String commit(String message) {
            messages.add(message);
            return "c" + (remoteCommits.size() + messages.size());
        }

        @Override
        public boolean push() {
            if (racesToLose > 0) {
                racesToLose--;
                remoteCommits.add("other-" + racesToLose);
                remoteFiles.put("README.md", "changed by someone else " + racesToLose);
                return false;
            }
            remoteFiles.clear();
            remoteFiles.putAll(working);
            remoteCommits.add("c" + (remoteCommits.size() + messages.size()));
            return true;
        }

        @Override
        public Optional<String> findCommitWithTrailer(String trailer, String value, int depth) {
            return Optional.empty();
        }

        @Override
        public boolean contains(String revision, String commit) {
            return remoteCommits.indexOf(revision) >= remoteCommits.indexOf(commit);
        }
    }

    /** Runs drains only when told, so a test decides which changes arrive "together". */
    static final class ManualExecutor implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.removeFirst().run();
            }
        }
    }

    private final FakeWorkspace workspace = new FakeWorkspace();
    private final ManualExecutor executor = new ManualExecutor();
    private final GitOpsWriteBack writeBack = new GitOpsWriteBack(workspace, executor, 5);

    @Test
    void batchesChangesThatArriveTogetherIntoOneCommit() {
        IntStream.range(0, 5).forEach(i -> workspace.remoteFiles.put(file(i), "image:\n  tag: old\n"));

        var results = IntStream.range(0, 5)
                .mapToObj(i -> writeBack.submit(change(i, "new")))
                .toList();
        executor.runAll();

        assertThat(results).allSatisfy(r -> assertThat(r.join()).isInstanceOf(WriteOutcome.Committed.class));
        assertThat(workspace.messages).hasSize(1);
        assertThat(workspace.messages.getFirst())
                .startsWith("Deploy 5 services in dev (migration m-1)\n\n- deploy svc-0 new in dev (migration m-1)");
        assertThat(writeBack.commitsMade()).isEqualTo(1);
    }

    @Test
    void reappliesTheEditOnTheNewHeadAfterARejectedPush() {
        workspace.remoteFiles.put(file(0), "image:\n  tag: old\n");
        workspace.racesToLose = 2;

        var result = writeBack.submit(change(0, "new"));
        executor.runAll();

        assertThat(result.join())
                .as("the tag it replaced, for a rollback")
                .isEqualTo(new WriteOutcome.Committed("c6", 1, 3, Optional.of("old")));
        assertThat(workspace.remoteFiles)
                .containsEntry(file(0), "image:\n  tag: new\n")
                .containsEntry("README.md", "changed by someone else 0");
        assertThat(writeBack.pushesRejected()).isEqualTo(2);
    }

    @Test
    void givesUpWithARetryableConflictWhenTheBranchNeverStopsMoving() {
        workspace.remoteFiles.put(file(0), "image:\n  tag: old\n");
        workspace.racesToLose = 100;

        CompletableFuture<WriteOutcome> result = writeBack.submit(change(0, "new"));
        executor.runAll();

        assertThat(result).isCompletedExceptionally();
        var failure = (StepFailure) result.exceptionNow();
        assertThat(failure.kind()).isEqualTo(StepFailure.Kind.CONFLICT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("5 pushes in a row were rejected as non-fast-forward");
    }

    @Test
    void makesNoCommitWhenEveryFileAlreadyHoldsItsTag() {
        workspace.remoteFiles.put(file(0), "image:\n  tag: new\n");

        var result = writeBack.submit(change(0, "new"));
        executor.runAll();

        assertThat(result.join()).isEqualTo(new WriteOutcome.AlreadyCurrent("c0"));
        assertThat(workspace.messages).isEmpty();
    }

    @Test
    void twoServicesInOneValuesFileBothLandInTheSameCommit() {
        workspace.remoteFiles.put("values.yaml", "images:\n  a: {tag: old}\n  b:\n    tag: old # b\n");
        var a = writeBack.submit(helm("a", "images.a.tag"));
        var b = writeBack.submit(helm("b", "images.b.tag"));
        executor.runAll();

        assertThat(a.join().revision()).isEqualTo(b.join().revision());
        assertThat(workspace.remoteFiles.get("values.yaml"))
                .isEqualTo("images:\n  a: {tag: v2}\n  b:\n    tag: v2 # b\n");
    }

    static String file(int i) {
        return "environments/dev/svc-" + i + "/values.yaml";
    }

    static TagChange change(int i, String tag) {
        return new TagChange(
                "svc-" + i,
                "dev",
                "m-1",
                file(i),
                new TagLocation.HelmValue(KeyPath.parse("image.tag")),
                ImageVersion.tagged(tag),
                false,
                "e/svc-" + i);
    }

    private static TagChange helm(String service, String path) {
        return new TagChange(
                service,
                "dev",
                "m-1",
                "values.yaml",
                new TagLocation.HelmValue(KeyPath.parse(path)),
                ImageVersion.tagged("v2"),
                false,
                "e/" + service);
    }
}
