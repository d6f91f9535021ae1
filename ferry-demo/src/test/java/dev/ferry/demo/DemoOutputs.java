package dev.ferry.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Reads what a demo left on disk, the way a user would look at it with git and ls. */
final class DemoOutputs {

    private final DemoLayout layout;

    DemoOutputs(Path dataDirectory) {
        this.layout = new DemoLayout(dataDirectory);
    }

    DemoLayout layout() {
        return layout;
    }

    /** The repositories under {@code repositories/}, by directory name. */
    List<String> repositoryNames() throws IOException {
        try (Stream<Path> entries = Files.list(layout.repositories())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    List<String> imageFiles() throws IOException {
        try (Stream<Path> entries = Files.list(layout.images())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The head of {@code main} in a service's split repository. */
    String splitHead(String service) throws IOException {
        try (Repository repository = open(layout.repository(service))) {
            return repository.resolve("refs/heads/main").name();
        }
    }

    /** {@code git rev-list --count main} in a service's split repository. */
    int splitCommits(String service) throws IOException {
        return commitsOnMain(layout.repository(service));
    }

    /** The GitOps file's text at the head of {@code main}. */
    String gitopsFile(String path) throws IOException {
        try (Repository repository = open(layout.gitops());
                RevWalk walk = new RevWalk(repository)) {
            RevCommit head = walk.parseCommit(repository.resolve("refs/heads/main"));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, head.getTree())) {
                if (tree == null) {
                    throw new AssertionError(path + " is not in the GitOps repository");
                }
                return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** {@code git log --format=%H -- path} in the GitOps repository, newest first. */
    List<String> gitopsCommitsTouching(String path) throws IOException {
        try (Repository repository = open(layout.gitops());
                RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
            walk.setRevFilter(RevFilter.ALL);
            List<String> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                commits.add(commit.name());
            }
            return commits;
        }
    }

    /** All commits on the GitOps repository's main. */
    int gitopsCommitCount() throws IOException {
        return commitsOnMain(layout.gitops());
    }

    private static int commitsOnMain(Path gitDirectory) throws IOException {
        try (Repository repository = open(gitDirectory);
                RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
            int count = 0;
            for (RevCommit ignored : walk) {
                count++;
            }
            return count;
        }
    }

    static String valuesPath(String environment, String service) {
        return "environments/" + environment + "/" + service + "/values.yaml";
    }

    static Repository open(Path gitDirectory) throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(gitDirectory.toFile())
                .setMustExist(true)
                .build();
    }
}
