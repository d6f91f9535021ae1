package dev.ferry.deploy.jgit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** Builds GitOps repositories as the seeds lay them out, and plays the other people who push to them. */
public final class GitOpsRepositoryFixture {

    private GitOpsRepositoryFixture() {}

    /** Seed 001's layout: {@code apps/<service>/overlays/<env>/kustomization.yaml}, each with its own image entry. */
    public static Map<String, String> kustomizeOverlays(List<String> services, String environment) {
        var files = new java.util.LinkedHashMap<String, String>();
        for (String service : services) {
            files.put(overlay(service, environment), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                    - ../../base  # shared base
                    namespace: %s-%s
                    images:
                    - name: %s
                      newTag: v0.0.1   # set by Ferry
                    """.formatted(service, environment, service));
        }
        return files;
    }

    public static String overlay(String service, String environment) {
        return "apps/" + service + "/overlays/" + environment + "/kustomization.yaml";
    }

    /** Pushes one commit holding {@code files} to {@code url}'s main branch, as a person setting the repo up. */
    public static ObjectId seed(String url, Path work, CredentialsProvider credentials, Map<String, String> files)
            throws IOException, GitAPIException {
        try (Git git =
                Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            for (var file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit()
                    .setMessage("Initial GitOps layout")
                    .setSign(false)
                    .call();
            git.push()
                    .setRemote(url)
                    .add("main")
                    .setCredentialsProvider(credentials)
                    .call();
            return commit.getId();
        }
    }

    /** Another writer (a person, CI) that pushes unrelated commits, fetching and retrying when it loses a race. */
    static final class OtherWriter implements AutoCloseable {
        private final Git git;
        private final CredentialsProvider credentials;
        private final List<ObjectId> pushed = new ArrayList<>();
        private int rejected;

        OtherWriter(String url, Path work, CredentialsProvider credentials) throws GitAPIException {
            this.git = Git.cloneRepository()
                    .setURI(url)
                    .setDirectory(work.toFile())
                    .setCredentialsProvider(credentials)
                    .call();
            this.credentials = credentials;
        }

        /** Commits a new file and pushes it, retrying on a non-fast-forward until it lands. */
        void pushUnrelatedCommit(int number) throws IOException, GitAPIException {
            while (true) {
                git.fetch().setCredentialsProvider(credentials).call();
                git.reset()
                        .setMode(ResetCommand.ResetType.HARD)
                        .setRef("refs/remotes/origin/main")
                        .call();
                Path note = git.getRepository().getWorkTree().toPath().resolve("docs/other-" + number + ".md");
                Files.createDirectories(note.getParent());
                Files.writeString(note, "unrelated change " + number + "\n");
                git.add().addFilepattern("docs").call();
                RevCommit commit = git.commit()
                        .setMessage("docs: note " + number)
                        .setSign(false)
                        .call();
                var update = git.push()
                        .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                        .setCredentialsProvider(credentials)
                        .call()
                        .iterator()
                        .next()
                        .getRemoteUpdate("refs/heads/main");
                if (update.getStatus() == RemoteRefUpdate.Status.OK) {
                    pushed.add(commit.getId());
                    return;
                }
                rejected++;
            }
        }

        List<ObjectId> pushed() {
            return pushed;
        }

        int rejected() {
            return rejected;
        }

        @Override
        public void close() {
            git.close();
        }
    }

    /** Whether every commit is reachable from the branch head: nothing was lost to a force push. */
    public static boolean allReachable(Repository bare, String branch, List<ObjectId> commits) throws IOException {
        try (RevWalk walk = new RevWalk(bare)) {
            RevCommit head = walk.parseCommit(bare.resolve("refs/heads/" + branch));
            for (ObjectId id : commits) {
                if (!walk.isMergedInto(walk.parseCommit(id), head)) {
                    return false;
                }
            }
            return true;
        }
    }

    public static String fileAtHead(Repository bare, String path) throws IOException {
        try (RevWalk walk = new RevWalk(bare)) {
            RevCommit head = walk.parseCommit(bare.resolve("refs/heads/main"));
            try (var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(bare, path, head.getTree())) {
                return new String(bare.open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    public static int commitCount(Repository bare) throws IOException, GitAPIException {
        try (Git git = new Git(bare)) {
            int count = 0;
            for (RevCommit ignored : git.log().call()) {
                count++;
            }
            return count;
        }
    }
}
