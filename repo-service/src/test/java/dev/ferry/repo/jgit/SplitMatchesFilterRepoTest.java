package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.domain.ServicePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferry's one-pass split against real {@code git filter-repo --subdirectory-filter}, run once per service, on a
 * generated monorepo with every history shape the seeds' monorepos have: merges and criss-cross merges, renames into and
 * out of a service, a service deleted and re-created, empty and originally empty commits, a signed commit, messages
 * without a final newline, naming other commits, and not in UTF-8.
 */
class SplitMatchesFilterRepoTest {

    private static final Logger log = LoggerFactory.getLogger(SplitMatchesFilterRepoTest.class);
    private static final List<String> SERVICES = List.of("services/api", "services/users", "frontend");

    @TempDir
    static Path dir;

    static Path source;
    static Map<String, ObjectId> named = new LinkedHashMap<>();

    @BeforeAll
    static void generateMonorepo() throws Exception {
        source = dir.resolve("monorepo.git");
        try (var repo = new HistoryBuilder(source)) {
            var files = new LinkedHashMap<String, String>();
            files.put("README.md", "FitSync\n");
            files.put("services/api/index.js", "v1\n");
            var root = repo.commit("Initial import\n", files);
            files.put("services/users/app.py", "v1\n");
            var users = repo.commit("Add users service\n", files, root);
            files.put("shared/lib.js", "lib\n");
            var shared = repo.commit("Shared code only\n", files, users);
            var empty = repo.commit("Originally empty commit\n", files, shared);
            files.put("services/api/index.js", "v2\n");
            var api2 = repo.commit(
                    ("Revert " + users.name() + " and " + root.name().substring(0, 9) + " partly")
                            .getBytes(StandardCharsets.UTF_8),
                    "",
                    files,
                    empty);

            // A feature branch touching users only, merged back: a degenerate merge for api.
            var feature = new LinkedHashMap<>(files);
            feature.put("services/users/app.py", "v2\n");
            var featureCommit = repo.commit("Users v2 on a branch\n", feature, api2);
            files.put("frontend/app.tsx", "ui\n");
            var frontend = repo.commit("Frontend\n", files, api2);
            var mergedFiles = new LinkedHashMap<>(files);
            mergedFiles.put("services/users/app.py", "v2\n");
            var merge = repo.commit("Merge branch 'users-v2'\n", mergedFiles, frontend, featureCommit);

            // Criss-cross: two branches that each merge the other.
            var left = new LinkedHashMap<>(mergedFiles);
            left.put("services/api/left.js", "l\n");
            var l1 = repo.commit("Left\n", left, merge);
            var right = new LinkedHashMap<>(mergedFiles);
            right.put("services/users/right.py", "r\n");
            var r1 = repo.commit("Right\n", right, merge);
            var both = new LinkedHashMap<>(left);
            both.put("services/users/right.py", "r\n");
            var l2 = repo.commit("Merge right into left\n", both, l1, r1);
            var r2 = repo.commit("Merge left into right\n", both, r1, l1);
            var crossed = repo.commit("Merge criss-cross\n", both, l2, r2);

            // Renames into and out of a service.
            var renamed = new LinkedHashMap<>(both);
            renamed.remove("shared/lib.js");
            renamed.put("services/api/lib.js", "lib\n");
            var into = repo.commit("Move lib into api\n", renamed, crossed);
            renamed.remove("services/api/left.js");
            renamed.put("shared/left.js", "l\n");
            var outOf = repo.commit("Move left.js out of api", renamed, into); // no final newline

            // Delete a service and re-create it.
            var deleted = new LinkedHashMap<>(renamed);
            deleted.keySet().removeIf(path -> path.startsWith("frontend/"));
            var gone = repo.commit("Remove frontend\n", deleted, outOf);
            deleted.put("frontend/app.tsx", "ui v2\n");
            var back = repo.commit("Bring frontend back\n", deleted, gone);

            // A signed commit, a latin-1 message, a message that is not UTF-8 and says nothing of its encoding.
            deleted.put("services/api/index.js", "v3\n");
            var signed = repo.commit(
                    "Signed change\n".getBytes(StandardCharsets.UTF_8),
                    "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n",
                    deleted,
                    back);
            deleted.put("services/users/app.py", "v3\n");
            var latin1 = repo.commit(
                    "Caf\u00e9 r\u00e9sum\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
                    "encoding ISO-8859-1\n",
                    deleted,
                    signed);
            deleted.put("frontend/app.tsx", "ui v3\n");
            var notUtf8 =
                    repo.commit(new byte[] {'b', 'a', 'd', ' ', (byte) 0xff, (byte) 0xfe, '\n'}, "", deleted, latin1);
            var emptyAgain = repo.commit("Empty after a shared-only change\n", deleted, notUtf8);
            deleted.put("shared/more.js", "x\n");
            var sharedOnly = repo.commit("Shared again\n", deleted, emptyAgain);
            var emptyOnPruned = repo.commit("Empty on a pruned parent\n", deleted, sharedOnly);
            var revert = repo.commit(
                    ("This reverts commit " + api2.name() + ".\n").getBytes(StandardCharsets.UTF_8),
                    "",
                    deleted,
                    emptyOnPruned);
            deleted.put("services/api/index.js", "v4\n");
            var reverting = repo.commit(
                    ("This reverts commit " + api2.name() + ", see also "
                                    + signed.name().substring(0, 12) + " and deadbeef1\n")
                            .getBytes(StandardCharsets.UTF_8),
                    "",
                    deleted,
                    revert);
            var keptEmpty = repo.commit("Originally empty on a kept parent\n", deleted, reverting);
            // A submodule inside a service and a Git LFS pointer: both stay exactly as they are.
            deleted.put("services/api/vendor/sdk", HistoryBuilder.GITLINK + "0123456789abcdef0123456789abcdef01234567");
            deleted.put(".gitmodules", "[submodule \"sdk\"]\n\tpath = services/api/vendor/sdk\n\turl = ../sdk.git\n");
            deleted.put(
                    "services/api/assets/logo.png",
                    "version https://git-lfs.github.com/spec/v1\noid sha256:"
                            + "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
            var submodule = repo.commit("Vendor the SDK as a submodule, logo in LFS\n", deleted, keptEmpty);
            repo.branch("main", submodule);
            named.put("api2", api2);
        }
    }

    /** The hash-rewriting case must really happen in this history, or the comparison above proves less. */
    private static void assertRevertMessageNamesTheSplitCommit(ObjectId apiHead) throws Exception {
        Path work = dir.resolve("work.git");
        List<String> splitCommits = GitCli.lines(work, "rev-list", apiHead.name());
        String message = GitCli.run(work, "log", "-1", "--format=%B", "--grep=This reverts", apiHead.name());
        String mentioned = message.substring("This reverts commit ".length(), "This reverts commit ".length() + 40);

        assertThat(splitCommits)
                .contains(mentioned)
                .doesNotContain(named.get("api2").name());
        assertThat(message).contains("deadbeef1");
    }

    @Test
    void producesTheSameCommitsAsFilterRepoForEveryService() throws Exception {
        String version = FilterRepo.version();
        try (var sourceRepo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                        .setGitDir(source.toFile())
                        .build();
                var work = WorkRepositories.borrowingFrom(sourceRepo, dir.resolve("work.git"))) {
            var results = JGitHistorySplitter.of(sourceRepo, work)
                    .split("main", SERVICES.stream().map(ServicePath::of).toList());

            for (String service : SERVICES) {
                var expected = FilterRepo.subdirectoryFilter(source, "main", service, dir);
                ObjectId head = results.get(ServicePath.of(service)).head().orElseThrow();
                List<String> ours =
                        GitCli.lines(dir.resolve("work.git"), "rev-list", "--topo-order", "--reverse", head.name());
                log.info(
                        "service={} filterRepo={} commits={} ferry={} identical={}",
                        service,
                        version,
                        expected.commits().size(),
                        ours.size(),
                        ours.equals(expected.commits()));
                assertThat(ours)
                        .as("commits of %s (filter-repo %s)", service, version)
                        .containsExactlyElementsOf(expected.commits());
                assertThat(results.get(ServicePath.of(service)).commitsKept())
                        .isEqualTo(expected.commits().size());
            }
        }
    }

    @Test
    void keepsSubmodulesAndLfsPointersAsTheyAre() throws Exception {
        try (var sourceRepo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                        .setGitDir(source.toFile())
                        .build();
                var work = WorkRepositories.borrowingFrom(sourceRepo, dir.resolve("gitlinks.git"))) {
            ObjectId head = JGitHistorySplitter.of(sourceRepo, work)
                    .split("main", List.of(ServicePath.of("services/api")))
                    .get(ServicePath.of("services/api"))
                    .head()
                    .orElseThrow();
            Path workDir = dir.resolve("gitlinks.git");
            assertThat(GitCli.run(workDir, "ls-tree", head.name(), "vendor/sdk"))
                    .startsWith("160000 commit 0123456789abcdef0123456789abcdef01234567");
            assertThat(GitCli.run(workDir, "show", head.name() + ":assets/logo.png"))
                    .startsWith("version https://git-lfs.github.com/spec/v1");
        }
    }

    @Test
    void refusesAShallowCloneAndACorruptRepository() throws Exception {
        Path shallow = dir.resolve("shallow.git");
        GitCli.run(dir, "clone", "--quiet", "--bare", "--depth=3", "file://" + source, shallow.toString());
        try (var repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                        .setGitDir(shallow.toFile())
                        .build();
                var work = WorkRepositories.borrowingFrom(repo, dir.resolve("shallow-work.git"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            JGitHistorySplitter.of(repo, work).split("main", List.of(ServicePath.of("services/api"))))
                    .isInstanceOfSatisfying(dev.ferry.repo.domain.SplitFailure.class, e -> assertThat(e.kind())
                            .isEqualTo(dev.ferry.repo.domain.SplitFailure.Kind.SHALLOW_CLONE))
                    .hasMessageContaining("shallow clone")
                    .hasMessageContaining("git fetch --unshallow");
        }

        // A clone whose pack file is gone: its refs name commits the object database no longer has.
        Path corrupt = dir.resolve("corrupt.git");
        GitCli.run(dir, "clone", "--quiet", "--bare", "--no-local", source.toString(), corrupt.toString());
        try (var packs = java.nio.file.Files.newDirectoryStream(corrupt.resolve("objects/pack"))) {
            for (Path pack : packs) {
                java.nio.file.Files.delete(pack);
            }
        }
        try (var repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                        .setGitDir(corrupt.toFile())
                        .build();
                var work = WorkRepositories.borrowingFrom(repo, dir.resolve("corrupt-work.git"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            JGitHistorySplitter.of(repo, work).split("main", List.of(ServicePath.of("services/api"))))
                    .isInstanceOfSatisfying(dev.ferry.repo.domain.SplitFailure.class, e -> assertThat(e.kind())
                            .isEqualTo(dev.ferry.repo.domain.SplitFailure.Kind.CORRUPT_OBJECT))
                    .hasMessageContaining("is missing from");
        }
    }

    @Test
    void refusesAServicePathThatIsAFileOrAbsentAtTheHead() throws Exception {
        try (var sourceRepo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                        .setGitDir(source.toFile())
                        .build();
                var work = WorkRepositories.borrowingFrom(sourceRepo, dir.resolve("refused.git"))) {
            var splitter = JGitHistorySplitter.of(sourceRepo, work);

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> splitter.split("main", List.of(ServicePath.of("README.md"))))
                    .isInstanceOfSatisfying(dev.ferry.repo.domain.SplitFailure.class, e -> assertThat(e.kind())
                            .isEqualTo(dev.ferry.repo.domain.SplitFailure.Kind.PATH_IS_NOT_A_DIRECTORY))
                    .hasMessageContaining("README.md is a file at the head of main");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> splitter.split("main", List.of(ServicePath.of("services/billing"))))
                    .isInstanceOfSatisfying(dev.ferry.repo.domain.SplitFailure.class, e -> assertThat(e.kind())
                            .isEqualTo(dev.ferry.repo.domain.SplitFailure.Kind.PATH_ABSENT_AT_HEAD))
                    .hasMessageContaining("services/billing does not exist at the head of main");
        }
    }
}
