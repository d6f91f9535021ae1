package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work repository of a merge holds the merged repositories' objects itself, whatever state they are in: packed
 * with deltas, shared by two of them (and then stored once, which git requires of a pack), or still loose; and it
 * borrows only the monorepo's.
 */
class MergeWorkRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void holdsEveryObjectOfTheMergedRepositoriesPackedSharedOrLoose() throws Exception {
        Path orders = repository("orders", true, false);
        Path billing = repository("billing", false, true);
        Path payments = repository("payments", false, false);
        Path monorepo = dir.resolve("monorepo.git");
        GitCli.run(dir, "init", "--quiet", "--bare", monorepo.toString());
        Path work = dir.resolve("work.git");

        Set<String> objects = new LinkedHashSet<>();
        try (Repository ordersRepository = open(orders);
                Repository billingRepository = open(billing);
                Repository paymentsRepository = open(payments);
                Repository monorepoRepository = open(monorepo);
                Repository merge = WorkRepositories.forMergeInto(monorepoRepository, List.of(), work)) {
            WorkRepositories.gatherObjects(List.of(ordersRepository, billingRepository, paymentsRepository), merge);
            assertThat(Files.readAllLines(work.resolve("objects/info/alternates")))
                    .as("only the monorepo's objects are borrowed")
                    .containsExactly(
                            monorepo.resolve("objects").toAbsolutePath().toString());
            for (Path source : List.of(orders, billing, payments)) {
                for (String id : objects(source)) {
                    objects.add(id);
                    assertThat(merge.open(ObjectId.fromString(id)).getBytes())
                            .as("%s of %s", id, source)
                            .isEqualTo(GitCli.run(source, "cat-file", type(source, id), id)
                                    .getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        }
        String union = union(work);
        assertThat(GitCli.run(dir, "verify-pack", "-v", union))
                .as("git reads the union as a valid pack")
                .contains(".pack: ok");
        assertThat(GitCli.lines(dir, "--git-dir=" + work, "count-objects", "-v"))
                .as("each object the repositories share is in the union once; the loose tip stays loose")
                .contains("in-pack: " + (objects.size() - 3), "count: 3");
        assertThat(GitCli.run(dir, "--git-dir=" + work, "fsck", "--full", "--no-dangling"))
                .doesNotContain("error")
                .doesNotContain("missing");
    }

    /**
     * A repository whose first commits are the same in every repository (one large file edited, so {@code git gc}
     * stores deltas), then its own, growing the file or cutting it down; the last commit (a commit, a tree and a blob), made after the gc, stays loose when
     * {@code looseTip}.
     */
    private Path repository(String name, boolean looseTip, boolean shrinking) throws Exception {
        Path repository = dir.resolve(name);
        GitCli.run(dir, "init", "--quiet", "--initial-branch=main", repository.toString());
        var shared = new StringBuilder();
        for (int commit = 0; commit < 12; commit++) {
            String author = commit < 5 ? "shared" : name;
            if (commit < 5) {
                for (int line = 0; line < 40; line++) {
                    shared.append("shared line ")
                            .append(commit)
                            .append('.')
                            .append(line)
                            .append('\n');
                }
            }
            // Afterwards a shrinking repository cuts the file down: its smaller versions are stored as deltas of the
            // largest, a shared one, which the union holds only once; a growing one appends its own lines.
            if (!shrinking && commit >= 5) {
                for (int line = 0; line < 40; line++) {
                    shared.append(name)
                            .append(" line ")
                            .append(commit)
                            .append('.')
                            .append(line)
                            .append('\n');
                }
            }
            List<String> kept = shared.toString()
                    .lines()
                    .limit(shrinking ? 200 - 12L * Math.max(0, commit - 4) : Long.MAX_VALUE)
                    .toList();
            Files.writeString(
                    repository.resolve("big.txt"), String.join("\n", kept) + "\n" + author + " " + commit + "\n");
            GitCli.run(repository, "add", "-A");
            GitCli.run(
                    repository,
                    "-c",
                    "user.name=" + author,
                    "-c",
                    "user.email=" + author + "@example.com",
                    "-c",
                    "commit.gpgsign=false",
                    "commit",
                    "--quiet",
                    "--date=2026-01-0" + (1 + commit % 9) + "T00:00:00Z",
                    "-m",
                    author + " " + commit);
            if (commit == 10) {
                GitCli.run(repository, "gc", "--quiet", "--aggressive");
            }
        }
        if (!looseTip) {
            GitCli.run(repository, "gc", "--quiet");
        }
        return repository.resolve(".git");
    }

    private static List<String> objects(Path gitDir) throws Exception {
        var ids = new ArrayList<String>();
        GitCli.lines(gitDir, "rev-list", "--objects", "--all").forEach(line -> ids.add(line.substring(0, 40)));
        return ids;
    }

    /** The work repository's one pack: the union (the monorepo it borrows from has none). */
    private static String union(Path work) throws Exception {
        try (var packs = Files.list(work.resolve("objects/pack"))) {
            return packs.filter(pack -> pack.toString().endsWith(".idx"))
                    .findFirst()
                    .orElseThrow()
                    .toString();
        }
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
