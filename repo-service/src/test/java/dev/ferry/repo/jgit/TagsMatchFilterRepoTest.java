package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.domain.ServicePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags on commits a service kept are recreated on its split commits as filter-repo recreates them: a lightweight tag
 * names the same split commit, an annotated tag becomes the same tag object (so the same id), a signed tag loses its
 * signature. Tags on commits the service pruned are left out.
 */
class TagsMatchFilterRepoTest {

    private static final String SERVICE = "svc/a";

    @TempDir
    Path dir;

    @Test
    void tagsOnKeptCommitsAreTheTagsFilterRepoWrites() throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(7), 50);
        List<String> history = GitCli.lines(source, "rev-list", "--topo-order", "main");
        for (int i = 0; i < history.size(); i += 4) {
            String commit = history.get(i);
            if (i % 8 == 0) {
                GitCli.run(source, "tag", "light-" + i, commit);
            } else {
                GitCli.run(
                        source,
                        "-c",
                        "user.name=Release Bot",
                        "-c",
                        "user.email=release@example.com",
                        "tag",
                        "-a",
                        "-m",
                        "Release " + i + "\n\nNotes for " + commit,
                        "v1." + i,
                        commit);
            }
        }
        var filterRepo = FilterRepo.subdirectoryFilter(source, "main", SERVICE, dir);

        try (var repo = new FileRepositoryBuilder().setGitDir(source.toFile()).build();
                var work = WorkRepositories.borrowingFrom(repo, dir.resolve("work.git"))) {
            var result = JGitHistorySplitter.of(repo, work)
                    .split("main", List.of(ServicePath.of(SERVICE)))
                    .get(ServicePath.of(SERVICE));
            assertThat(result.tags()).isNotEmpty();
            int annotated = 0;
            for (String tag : GitCli.lines(source, "tag", "--list")) {
                String sourceCommit =
                        GitCli.run(source, "rev-parse", tag + "^{commit}").trim();
                String split = filterRepo.sourceToSplit().get(sourceCommit);
                boolean kept = split != null && !split.matches("0+");
                if (kept) {
                    String expected = GitCli.run(filterRepo.repository(), "rev-parse", "refs/tags/" + tag)
                            .trim();
                    assertThat(result.tags()).as("tag %s", tag).containsKey(tag);
                    assertThat(result.tags().get(tag).name())
                            .as("tag %s on kept commit %s", tag, sourceCommit)
                            .isEqualTo(expected);
                    annotated += tag.startsWith("v") ? 1 : 0;
                } else {
                    assertThat(result.tags()).as("tag %s on pruned commit", tag).doesNotContainKey(tag);
                }
            }
            assertThat(annotated).as("annotated tags compared").isPositive();
        }
    }

    @Test
    void aSignatureIsDroppedFromARetargetedTag() {
        String raw = "object 1111111111111111111111111111111111111111\ntype commit\ntag v1\n"
                + "tagger A <a@b> 1 +0000\n\nRelease\n-----BEGIN PGP SIGNATURE-----\nxyz\n-----END PGP SIGNATURE-----\n";
        byte[] out = TagRewriter.retarget(
                raw.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                org.eclipse.jgit.lib.ObjectId.fromString("2222222222222222222222222222222222222222"));
        assertThat(new String(out, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("object 2222222222222222222222222222222222222222\ntype commit\ntag v1\n"
                        + "tagger A <a@b> 1 +0000\n\nRelease\n");
    }
}
