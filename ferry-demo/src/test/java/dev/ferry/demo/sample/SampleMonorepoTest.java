package dev.ferry.demo.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated monorepo, read back with JGit as git would show it. */
class SampleMonorepoTest {

    private static final List<String> SERVICE_PATHS = List.of(
            "services/api-gateway",
            "services/user-service",
            "services/training-service",
            "services/schedule-service",
            "services/progress-service",
            "services/notification-service",
            "frontend");

    @TempDir
    static Path temp;

    static GeneratedMonorepo generated;

    @BeforeAll
    static void generate() throws IOException {
        long started = System.nanoTime();
        generated = SampleMonorepo.fitSync().generateInto(temp.resolve("fitsync"));
        System.out.printf(
                "generated %d commits (%d merges) in %d ms%n",
                generated.commits(), generated.merges(), (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void everyServiceIsCheckedOutAtHeadWithADockerfileThatBuildsWithoutARegistry() throws IOException {
        assertThat(generated.services()).extracting(SampleService::path).containsExactlyElementsOf(SERVICE_PATHS);
        try (Repository repository = open(generated.gitDirectory());
                var walk = new RevWalk(repository)) {
            RevCommit head = walk.parseCommit(repository.resolve(Constants.R_HEADS + "main"));
            assertThat(head.name()).isEqualTo(generated.head());
            for (String service : SERVICE_PATHS) {
                String dockerfile = read(repository, head, service + "/Dockerfile");
                assertThat(dockerfile).contains("ARG BASE_IMAGE=scratch", "FROM ${BASE_IMAGE}", "EXPOSE ");
                assertThat(dockerfile.lines()).noneMatch(line -> line.startsWith("RUN"));
                assertThat(dockerfile)
                        .contains("COPY docker-entrypoint.sh " + SampleMonorepo.ENTRYPOINT)
                        .contains("ENTRYPOINT [\"/bin/sh\", \"" + SampleMonorepo.ENTRYPOINT + "\"]");
                assertThat(read(repository, head, service + "/docker-entrypoint.sh"))
                        .startsWith("#!/bin/sh")
                        .contains("health");
                assertThat(generated.directory().resolve(service).resolve("Dockerfile"))
                        .hasContent(dockerfile);
            }
            for (String shared :
                    List.of("README.md", ".circleci/config.yml", "docker-compose.yml", "docs/runbook.md")) {
                assertThat(read(repository, head, shared)).isNotBlank();
            }
        }
    }

    @Test
    void theBranchHoldsTheRequestedCommitsWithMergedFeatureBranchesAndReleaseTags() throws IOException {
        try (Repository repository = open(generated.gitDirectory());
                var walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(generated.head())));
            int commits = 0;
            int merges = 0;
            Set<String> authors = new HashSet<>();
            for (RevCommit commit : walk) {
                commits++;
                merges += commit.getParentCount() > 1 ? 1 : 0;
                authors.add(commit.getAuthorIdent().getEmailAddress());
            }
            assertThat(commits).isEqualTo(SampleMonorepo.DEFAULT_COMMITS).isEqualTo(generated.commits());
            assertThat(merges).isEqualTo(generated.merges()).isGreaterThan(20);
            assertThat(authors).hasSizeGreaterThanOrEqualTo(6);
            assertThat(generated.tags()).startsWith("v1.0.0", "v1.0.1").contains("v2.0.0");
            for (String tag : generated.tags()) {
                assertThat(repository
                                .getRefDatabase()
                                .peel(repository.exactRef(Constants.R_TAGS + tag))
                                .getPeeledObjectId())
                        .as("tag %s points at a commit of main", tag)
                        .isNotNull();
            }
        }
    }

    @Test
    void mostCommitsTouchOneServiceSomeTouchSeveralAndSomeRenameFiles() throws IOException {
        int single = 0;
        int several = 0;
        int renames = 0;
        try (Repository repository = open(generated.gitDirectory());
                var walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(generated.head())));
            for (RevCommit commit : walk) {
                if (commit.getParentCount() != 1) {
                    continue;
                }
                List<DiffEntry> diff = diff(repository, commit);
                Set<String> services = new HashSet<>();
                diff.forEach(entry -> SERVICE_PATHS.stream()
                        .filter(path -> entry.getNewPath().startsWith(path + "/")
                                || entry.getOldPath().startsWith(path + "/"))
                        .forEach(services::add));
                single += services.size() == 1 ? 1 : 0;
                several += services.size() > 1 ? 1 : 0;
                renames += diff.stream().anyMatch(e -> e.getChangeType() == DiffEntry.ChangeType.RENAME) ? 1 : 0;
            }
        }
        assertThat(single).isGreaterThan(SampleMonorepo.DEFAULT_COMMITS / 2);
        assertThat(several).isGreaterThan(50);
        assertThat(renames).isGreaterThan(5);
    }

    @Test
    void aSplitOfOneServiceKeepsExactlyTheCommitsThatTouchIt() throws IOException {
        try (Repository repository = open(generated.gitDirectory())) {
            for (String service : SERVICE_PATHS) {
                int kept = pathLimitedLog(repository, service);
                assertThat(kept)
                        .as("commits of %s", service)
                        .isEqualTo(generated.commitsPerService().get(service))
                        .isGreaterThan(100)
                        .isLessThan(generated.commits() / 3);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameCommitsBareOrNot() throws IOException {
        GeneratedMonorepo again = SampleMonorepo.fitSync().setBare(true).generateInto(temp.resolve("again.git"));
        GeneratedMonorepo other =
                SampleMonorepo.fitSync().setSeed(7).setCommits(200).generateInto(temp.resolve("other"));

        assertThat(again.head()).isEqualTo(generated.head());
        assertThat(again.tags()).isEqualTo(generated.tags());
        assertThat(again.commitsPerService()).isEqualTo(generated.commitsPerService());
        assertThat(other.head()).isNotEqualTo(generated.head());
        assertThat(other.commits()).isEqualTo(200);
    }

    @Test
    void refusesADirectoryThatHoldsFiles() throws IOException {
        Path taken = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> SampleMonorepo.fitSync().generateInto(taken))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(taken + " is not empty");
        assertThat(taken.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void refusesTooFewCommitsToHoldEveryService() {
        assertThatThrownBy(() -> SampleMonorepo.fitSync().setCommits(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least " + SampleMonorepo.MIN_COMMITS);
    }

    /** What {@code git log --oneline -- PATH | wc -l} counts, and what a subdirectory split keeps. */
    private static int pathLimitedLog(Repository repository, String path) throws IOException {
        try (var walk = new RevWalk(repository)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(path), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(ObjectId.fromString(generated.head())));
            int count = 0;
            for (RevCommit ignored : walk) {
                count++;
            }
            return count;
        }
    }

    private static List<DiffEntry> diff(Repository repository, RevCommit commit) throws IOException {
        try (var tree = new TreeWalk(repository)) {
            tree.setRecursive(true);
            tree.addTree(commit.getParent(0).getTree());
            tree.addTree(commit.getTree());
            var detector = new RenameDetector(repository);
            detector.addAll(DiffEntry.scan(tree));
            return detector.compute();
        }
    }

    private static String read(Repository repository, RevCommit commit, String path) throws IOException {
        try (var tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            assertThat(tree).as("%s at %s", path, commit.name()).isNotNull();
            return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Repository open(Path gitDirectory) throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(gitDirectory.toFile())
                .setMustExist(true)
                .build();
    }
}
