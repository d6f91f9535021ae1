package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work repository of a merge holds the merged repositories' objects itself, whatever state they are in: packed
 * with deltas, shared by two of them, or still loose; and it borrows only the monorepo's.
 */
class MergeWorkRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void holdsEveryObjectOfTheMergedRepositoriesPackedSharedOrLoose() throws Exception {
        Path orders = repository("orders", true);
        Path billing = repository("billing", false);
        Path monorepo = dir.resolve("monorepo.git");
        GitCli.run(dir, "init", "--quiet", "--bare", monorepo.toString());
        Path work = dir.resolve("work.git");

        try (Repository ordersRepository = open(orders);
                Repository billingRepository = open(billing);
                Repository monorepoRepository = open(monorepo);
                Repository merge = WorkRepositories.forMergeInto(
                        monorepoRepository, List.of(ordersRepository, billingRepository), work)) {
            assertThat(Files.readAllLines(work.resolve("objects/info/alternates")))
                    .as("only the monorepo's objects are borrowed")
                    .containsExactly(
                            monorepo.resolve("objects").toAbsolutePath().toString());
            for (Path source : List.of(orders, billing)) {
                for (String id : objects(source)) {
                    assertThat(merge.open(ObjectId.fromString(id)).getBytes())
                            .as("%s of %s", id, source)
                            .isEqualTo(GitCli.run(source, "cat-file", type(source, id), id)
                                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(GitCli.run(dir, "--git-dir=" + work, "fsck", "--full", "--no-dangling"))
                .as("git reads the union pack as a valid pack")
                .doesNotContain("error")
                .doesNotContain("missing");
    }

    /**
     * A repository whose history edits one large file (so {@code git gc} stores deltas), with a licence file the same
     * in every repository; the last commit, made after the gc, stays loose when {@code looseTip}.
     */
    private Path repository(String name, boolean looseTip) throws Exception {
        Path repository = dir.resolve(name);
        GitCli.run(dir, "init", "--quiet", "--initial-branch=main", repository.toString());
        Files.writeString(repository.resolve("LICENSE"), "the same licence everywhere\n");
        var lines = new StringBuilder();
        for (int commit = 0; commit < 12; commit++) {
            for (int line = 0; line < 40; line++) {
                lines.append(name)
                        .append(" line ")
                        .append(commit)
                        .append('.')
                        .append(line)
                        .append('\n');
            }
            Files.writeString(repository.resolve("big.txt"), lines);
            commit(repository, "change " + commit);
            if (commit == 10) {
                GitCli.run(repository, "gc", "--quiet", "--aggressive");
            }
        }
        if (!looseTip) {
            GitCli.run(repository, "gc", "--quiet");
        }
        assertThat(GitCli.run(repository, "count-objects", "-v")).contains("packs: 1");
        return repository.resolve(".git");
    }

    private static void commit(Path repository, String message) throws Exception {
        GitCli.run(repository, "add", "-A");
        GitCli.run(
                repository,
                "-c",
                "user.name=Ada",
                "-c",
                "user.email=ada@example.com",
                "commit",
                "--quiet",
                "-m",
                message);
    }

    private static List<String> objects(Path gitDir) throws Exception {
        var ids = new ArrayList<String>();
        GitCli.lines(gitDir, "rev-list", "--objects", "--all").forEach(line -> ids.add(line.substring(0, 40)));
        return ids;
    }

    private static String type(Path gitDir, String id) throws Exception {
        return GitCli.run(gitDir, "cat-file", "-t", id).strip();
    }

    private static Repository open(Path gitDir) throws Exception {
        return new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
    }
}
