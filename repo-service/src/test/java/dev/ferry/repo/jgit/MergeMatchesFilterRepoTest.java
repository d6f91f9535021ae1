package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge of several repositories into a monorepo against what people do by hand: {@code git filter-repo
 * --to-subdirectory-filter <dir>} on each repository (the real one installed here), then {@code git merge
 * --allow-unrelated-histories} of each into the monorepo. The rewritten histories must be filter-repo's, SHA for SHA,
 * and the merged tree git's; bad input leaves the monorepo as it was.
 */
class MergeMatchesFilterRepoTest {

    private static final PersonIdent FERRY =
            new PersonIdent("Ferry", "ferry@noreply.ferry.dev", Instant.parse("2026-12-05T08:00:00Z"), ZoneOffset.UTC);

    /** Directory in the monorepo for each generated repository (its seed). */
    private static final Map<String, Long> REPOSITORIES =
            ordered("services/orders", 31L, "services/billing", 32L, "libs/shared-ui", 33L);

    @TempDir
    Path dir;

    @Test
    void rewritesEachRepositoryAsFilterRepoAndMergesItAsGitMergeDoes() throws Exception {
        Path monorepo = monorepo();
        String before = GitCli.run(monorepo, "rev-parse", "main").trim();
        Map<String, Path> sources = generate();
        GitCli.run(sources.get("services/orders"), "tag", "-a", "-m", "release 1", "v1", "main~3");

        RepositoryMerger.Outcome outcome = merge(monorepo, sources, false, true);

        Path byHand = mergeByHand(monorepo, sources, before);
        Path work = dir.resolve("merge-work.git");
        for (var source : sources.entrySet()) {
            String directory = source.getKey();
            Path filtered = dir.resolve("filtered-" + directory.replace('/', '_'));
            List<String> expected = GitCli.lines(filtered, "rev-list", "--topo-order", "--reverse", "main");
            List<String> ours = GitCli.lines(
                    work,
                    "rev-list",
                    "--topo-order",
                    "--reverse",
                    outcome.rewrittenHeads().get(ServicePath.of(directory)).name());
            assertThat(ours)
                    .as("%s: filter-repo's commits, SHA for SHA", directory)
                    .isEqualTo(expected);
        }
        assertThat(GitCli.run(monorepo, "rev-parse", "main^{tree}"))
                .as("the merged tree is git merge's")
                .isEqualTo(GitCli.run(byHand, "rev-parse", "HEAD^{tree}"));
        assertThat(secondParents(monorepo, before))
                .as("one merge commit per repository, in order, each merging the history git merge merged")
                .isEqualTo(secondParents(byHand, before))
                .hasSize(sources.size());
        assertThat(GitCli.run(monorepo, "rev-parse", "services/orders/v1"))
                .as("the annotated tag carried and renamed as filter-repo --tag-rename writes it, name inside included")
                .isEqualTo(GitCli.run(dir.resolve("filtered-services_orders"), "rev-parse", "services/orders/v1"));
        assertThat(GitCli.run(monorepo, "cat-file", "tag", "services/orders/v1"))
                .contains("\ntag services/orders/v1\n");

        RepositoryMerger.Outcome again = merge(monorepo, sources, false, true);
        assertThat(again.mergeCommits()).as("merged before: nothing to do").isZero();
        assertThat(again.head().name())
                .isEqualTo(GitCli.run(monorepo, "rev-parse", "main").trim());
    }

    @Test
    void joinsEveryRepositoryInOneOctopusMerge() throws Exception {
        Path monorepo = monorepo();
        String before = GitCli.run(monorepo, "rev-parse", "main").trim();
        Map<String, Path> sources = generate();

        RepositoryMerger.Outcome outcome = merge(monorepo, sources, true, false);

        Path byHand = mergeByHand(monorepo, sources, before);
        var parents = new ArrayList<String>(List.of(before));
        outcome.rewrittenHeads().values().forEach(head -> parents.add(head.name()));
        assertThat(GitCli.run(monorepo, "log", "-1", "--format=%P", "main").trim())
                .isEqualTo(String.join(" ", parents));
        assertThat(GitCli.run(monorepo, "rev-parse", "main^{tree}"))
                .isEqualTo(GitCli.run(byHand, "rev-parse", "HEAD^{tree}"));
    }

    @Test
    void refusesADirectoryTheMonorepoHasAndLeavesTheMonorepoAlone() throws Exception {
        Path monorepo = monorepo();
        String before = GitCli.run(monorepo, "rev-parse", "main").trim();
        Map<String, Path> sources = generate();
        var taken = new LinkedHashMap<>(sources);
        taken.put("services/existing", taken.remove("libs/shared-ui"));

        assertThatThrownBy(() -> merge(monorepo, taken, false, false))
                .isInstanceOf(SplitFailure.class)
                .hasMessageContaining("services/existing already exists in " + monorepo + " on main (" + before + ")")
                .hasMessageContaining("nothing was pushed");
        var nested = new LinkedHashMap<>(sources);
        nested.put("services/orders/api", nested.remove("libs/shared-ui"));
        assertThatThrownBy(() -> merge(monorepo, nested, false, false))
                .hasMessageContaining("(services/orders/) and ")
                .hasMessageContaining("(services/orders/api/) would share a directory");
        assertThat(GitCli.run(monorepo, "rev-parse", "main").trim()).isEqualTo(before);
        assertThat(GitCli.run(monorepo, "tag")).isEmpty();
    }

    @Test
    void aBranchThatMovedUnderFerryIsReadAgainNeverForced() throws Exception {
        Map<String, Path> sources = generate();
        try (var server = SmartHttpGitServer.start("x-access-token", "t0ken")) {
            server.createRepository("acme/mono");
            Path served = server.directory("acme/mono");
            GitCli.run(monorepo(), "push", "--quiet", served.toString(), "main");
            // Someone's commit on top of main, pushed while Ferry pushes its merges.
            Path someone = dir.resolve("someone");
            GitCli.run(dir, "clone", "--quiet", served.toString(), someone.toString());
            java.nio.file.Files.writeString(someone.resolve("NOTES.md"), "pushed meanwhile\n");
            GitCli.run(someone, "add", "NOTES.md");
            GitCli.run(
                    someone,
                    "-c",
                    "user.name=Person",
                    "-c",
                    "user.email=person@example.com",
                    "commit",
                    "--quiet",
                    "-m",
                    "someone else's change");
            String theirs = GitCli.run(someone, "rev-parse", "HEAD").trim();
            GitCli.run(someone, "push", "--quiet", "origin", "HEAD:refs/heads/other");
            server.beforeNextPush(repository -> moveBranch(repository, "main", theirs));
            GitRemote target = GitRemote.of(server.url("acme/mono"), Optional.of("t0ken"));

            RepositoryMerger.Outcome outcome;
            try (Repository mirror = new SourceMirrors(dir.resolve("mirrors")).open(target, "main");
                    Repository work = WorkRepositories.forMergeInto(
                            mirror, repositories(sources), dir.resolve("http-work.git"))) {
                outcome = new RepositoryMerger(work).merge(target, "main", incoming(sources), FERRY, "test\n");
            }

            assertThat(GitCli.run(served, "rev-parse", "main").trim())
                    .isEqualTo(outcome.head().name());
            assertThat(GitCli.run(served, "rev-parse", "main~" + sources.size()).trim())
                    .as("the merges were made again on the commit pushed meanwhile, which is kept")
                    .isEqualTo(theirs);
        }
    }

    private RepositoryMerger.Outcome merge(Path monorepo, Map<String, Path> sources, boolean octopus, boolean tags)
            throws Exception {
        GitRemote target = GitRemote.of(monorepo.toString(), Optional.empty());
        try (Repository mirror = open(monorepo);
                Repository work =
                        WorkRepositories.forMergeInto(mirror, repositories(sources), dir.resolve("merge-work.git"))) {
            return new RepositoryMerger(work)
                    .setOctopus(octopus)
                    .setPrefixTags(tags)
                    .merge(target, "main", incoming(sources), FERRY, "Ferry migration test.\n");
        }
    }

    private static List<RepositoryMerger.Incoming> incoming(Map<String, Path> sources) throws Exception {
        var incoming = new ArrayList<RepositoryMerger.Incoming>();
        for (var source : sources.entrySet()) {
            incoming.add(new RepositoryMerger.Incoming(
                    open(source.getValue()),
                    "main",
                    ServicePath.of(source.getKey()),
                    source.getValue().toString()));
        }
        return incoming;
    }

    private static List<Repository> repositories(Map<String, Path> sources) throws Exception {
        var all = new ArrayList<Repository>();
        for (Path source : sources.values()) {
            all.add(open(source));
        }
        return all;
    }

    /**
     * What people do by hand: filter-repo each repository into its directory (its tags renamed into it), then merge each
     * into a clone.
     */
    private Path mergeByHand(Path monorepo, Map<String, Path> sources, String before) throws Exception {
        Path clone = dir.resolve("by-hand");
        GitCli.run(dir, "clone", "--quiet", monorepo.toString(), clone.toString());
        GitCli.run(clone, "reset", "--quiet", "--hard", before);
        for (var source : sources.entrySet()) {
            String name = "filtered-" + source.getKey().replace('/', '_');
            Path filtered = dir.resolve(name);
            if (!filtered.toFile().exists()) {
                FilterRepo.toSubdirectory(source.getValue(), "main", source.getKey(), name, dir);
            }
            GitCli.run(clone, "fetch", "--quiet", filtered.toString(), "main:refs/incoming/" + source.getKey());
            GitCli.run(
                    clone,
                    "-c",
                    "user.name=Person",
                    "-c",
                    "user.email=person@example.com",
                    "merge",
                    "--quiet",
                    "--no-edit",
                    "--allow-unrelated-histories",
                    "refs/incoming/" + source.getKey());
        }
        return clone;
    }

    private static void moveBranch(Repository repository, String branch, String commit) {
        try {
            RefUpdate update = repository.updateRef("refs/heads/" + branch);
            update.setNewObjectId(ObjectId.fromString(commit));
            update.forceUpdate();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> secondParents(Path repository, String before) throws Exception {
        return GitCli.lines(repository, "log", "--first-parent", "--reverse", "--format=%P", before + "..HEAD").stream()
                .map(parents -> parents.split(" ")[1])
                .toList();
    }

    private Path monorepo() throws Exception {
        Path monorepo = dir.resolve("monorepo.git");
        if (!monorepo.toFile().exists()) {
            try (var builder = new HistoryBuilder(monorepo)) {
                var files = new LinkedHashMap<String, String>();
                files.put("README.md", "monorepo\n");
                ObjectId root = builder.commit("root\n", files);
                files.put("services/existing/app.py", "print('hi')\n");
                builder.branch("main", builder.commit("existing service\n", files, root));
            }
        }
        return monorepo;
    }

    private Map<String, Path> generate() throws Exception {
        var sources = new LinkedHashMap<String, Path>();
        for (var repository : REPOSITORIES.entrySet()) {
            Path source = dir.resolve("repo-" + repository.getValue() + ".git");
            if (!source.toFile().exists()) {
                RandomMonorepo.generate(source, new Random(repository.getValue()), 40);
            }
            sources.put(repository.getKey(), source);
        }
        return sources;
    }

    private static Repository open(Path gitDir) throws Exception {
        return new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
    }

    private static Map<String, Long> ordered(Object... pairs) {
        var map = new LinkedHashMap<String, Long>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return map;
    }
}
