package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.ReceiveCommand.Result;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push into a repository on disk: every object arrives, and one refused ref update leaves every ref as it was. */
class LocalPushTest {

    @TempDir
    Path dir;

    @Test
    void pushesFastForwardsAtomicallyAndRefusesTheRestUnlessForced() throws Exception {
        Path target = dir.resolve("target.git");
        GitCli.run(dir, "init", "--quiet", "--bare", target.toString());
        try (var history = new HistoryBuilder(dir.resolve("work.git"))) {
            ObjectId one = history.commit("one\n", Map.of("a.txt", "1\n"));
            ObjectId two = history.commit("two\n", Map.of("a.txt", "2\n", "b/c.txt", "c\n"), one);
            ObjectId unrelated = history.commit("unrelated\n", Map.of("z.txt", "z\n"));
            var push = new LocalPush(history.repository());

            assertThat(push.push(
                            target, List.of(spec(two, "refs/heads/main", false), spec(one, "refs/tags/v1", false))))
                    .extracting(LocalPush.Update::result)
                    .containsExactly(Result.OK, Result.OK);
            assertThat(rev(target, "main")).isEqualTo(two.name());
            assertThat(rev(target, "v1")).isEqualTo(one.name());

            assertThat(push.push(
                            target,
                            List.of(spec(two, "refs/tags/v2", false), spec(unrelated, "refs/heads/main", false))))
                    .extracting(LocalPush.Update::result)
                    .containsExactly(Result.REJECTED_NONFASTFORWARD);
            assertThat(rev(target, "main")).as("not moved back").isEqualTo(two.name());
            assertThat(GitCli.run(target, "tag"))
                    .as("the other update not made either")
                    .doesNotContain("v2");

            assertThat(push.push(
                            target,
                            List.of(spec(unrelated, "refs/heads/main", true), spec(one, "refs/tags/v1", false))))
                    .extracting(LocalPush.Update::ref, LocalPush.Update::result)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("refs/heads/main", Result.OK),
                            org.assertj.core.groups.Tuple.tuple("refs/tags/v1", Result.NOT_ATTEMPTED));
            assertThat(rev(target, "main")).isEqualTo(unrelated.name());
        }
        assertThat(GitCli.run(target, "fsck", "--full", "--no-dangling"))
                .doesNotContain("missing")
                .doesNotContain("error");
    }

    private static RefSpec spec(ObjectId id, String ref, boolean force) {
        return new RefSpec(id.name() + ":" + ref).setForceUpdate(force);
    }

    private static String rev(Path repository, String name) throws Exception {
        return GitCli.run(repository, "rev-parse", name).strip();
    }
}
