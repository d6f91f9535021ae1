package dev.ferry.deploy.domain;

import static dev.ferry.deploy.domain.GitOpsWriteBackTest.change;
import static dev.ferry.deploy.domain.GitOpsWriteBackTest.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.domain.GitOpsWriteBackTest.FakeWorkspace;
import dev.ferry.deploy.domain.GitOpsWriteBackTest.ManualExecutor;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What deploy-service reports as {@code ferry_gitops_push_conflicts_total}: pushes lost on every branch it writes. */
class WriteBacksTest {

    private static final GitOpsTarget MAIN =
            new GitOpsTarget("https://git.example.com/gitops.git", "main", Optional.empty());
    private static final GitOpsTarget RELEASE =
            new GitOpsTarget("https://git.example.com/gitops.git", "release", Optional.empty());

    @Test
    void pushesLostToOtherWritersAreCountedOverEveryBranch() {
        Map<GitOpsTarget, FakeWorkspace> branches = Map.of(MAIN, new FakeWorkspace(), RELEASE, new FakeWorkspace());
        branches.values().forEach(branch -> branch.remoteFiles.put(file(0), "image:\n  tag: old\n"));
        branches.get(MAIN).racesToLose = 2;
        branches.get(RELEASE).racesToLose = 1;
        var executor = new ManualExecutor();
        var writeBacks = new WriteBacks(branches::get, executor, 5);

        var onMain = writeBacks.forTarget(MAIN).submit(change(0, "new"));
        var onRelease = writeBacks.forTarget(RELEASE).submit(change(0, "new"));
        executor.runAll();

        assertThat(onMain.join()).isInstanceOf(WriteOutcome.Committed.class);
        assertThat(onRelease.join()).isInstanceOf(WriteOutcome.Committed.class);
        assertThat(writeBacks.pushesRejected()).isEqualTo(3);
    }
}
