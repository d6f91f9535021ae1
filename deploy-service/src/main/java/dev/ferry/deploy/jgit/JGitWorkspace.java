package dev.ferry.deploy.jgit;

import dev.ferry.deploy.domain.GitOpsWorkspace;
import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.domain.StepFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * {@link GitOpsWorkspace} on a JGit clone kept in a local directory: fetch and hard reset to the remote branch, edit,
 * commit as Ferry, push without force. Remote URLs may be local paths, {@code file://}, {@code http(s)://} or
 * {@code ssh://}; credentials, when given, never appear in messages.
 */
final class JGitWorkspace implements GitOpsWorkspace {

    private final String url;
    /** The URL as shown in messages: without any credentials written into it. */
    private final String remote;

    private final String branch;
    private final Path directory;
    private final CredentialsProvider credentials;
    private final PersonIdent author;
    private Git git;

    JGitWorkspace(String remote, String branch, Path directory, CredentialsProvider credentials, PersonIdent author) {
        this.url = remote;
        this.remote = Redaction.redact(remote);
        this.branch = branch;
        this.directory = directory;
        this.credentials = credentials;
        this.author = author;
    }

    @Override
    public String syncToRemote() {
        Git repo = open();
        call("fetch", () -> repo.fetch()
                .setRemote("origin")
                .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + remoteRef()))
                .setCredentialsProvider(credentials)
                .call());
        ObjectId head = resolve(remoteRef())
                .orElseThrow(() -> new StepFailure(
                        StepFailure.Kind.NOT_FOUND,
                        false,
                        "GitOps repository " + remote + " has no branch " + branch
                                + "; create it or fix the plan's gitops.branch"));
        call("reset", () -> repo.reset()
                .setMode(ResetCommand.ResetType.HARD)
                .setRef(head.name())
                .call());
        call("clean", () -> repo.clean().setCleanDirectories(true).call());
        return head.name();
    }

    @Override
    public Optional<String> read(String path) {
        Path file = inside(path);
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String path, String text) {
        Path file = inside(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        call("add", () -> open().add().addFilepattern(path).call());
    }

    /**
     * The file of a repository path, refused when any part of the way to it is a symbolic link: the repository's
     * content is someone else's, and a committed link ({@code values.yaml -> /etc/passwd}, or a directory linking out)
     * would otherwise make Ferry read or overwrite a file of the worker's machine.
     */
    private Path inside(String path) {
        Path root = directory.toAbsolutePath().normalize();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw StepFailure.invalid("GitOps file path '" + path + "' leaves the repository");
        }
        Path walked = root;
        for (Path part : root.relativize(file)) {
            walked = walked.resolve(part);
            if (Files.isSymbolicLink(walked)) {
                throw StepFailure.invalid("GitOps file path '" + path + "' goes through the symbolic link '"
                        + root.relativize(walked) + "' in the repository; Ferry edits only plain files inside"
                        + " it: replace the link with the file");
            }
        }
        return file;
    }

    @Override
    public String commit(String message) {
        return call("commit", () -> open().commit()
                        .setMessage(message)
                        .setAuthor(author)
                        .setCommitter(author)
                        .setSign(false)
                        .call())
                .name();
    }

    @Override
    public boolean push() {
        Iterable<PushResult> results = call("push", () -> open().push()
                .setRemote("origin")
                .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch))
                .setForce(false)
                .setCredentialsProvider(credentials)
                .call());
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate("refs/heads/" + branch);
            if (update == null) {
                continue;
            }
            switch (update.getStatus()) {
                case OK, UP_TO_DATE -> {}
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                    return false;
                }
                case REJECTED_OTHER_REASON -> {
                    // Two pushes at the same instant: the loser's server cannot lock the ref ("failed to lock" from
                    // JGit, "cannot lock ref" from git), or finds the ref moved since it advertised it ("invalid old
                    // id sent" from JGit's receive-pack). It is the same lost race as a non-fast-forward.
                    if (lostRefLockRace(update)) {
                        return false;
                    }
                    throw refused(update);
                }
                default -> throw refused(update);
            }
        }
        return true;
    }

    private static boolean lostRefLockRace(RemoteRefUpdate update) {
        String message = update.getMessage() == null ? "" : update.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("lock") || message.contains("invalid old id");
    }

    private StepFailure refused(RemoteRefUpdate update) {
        return new StepFailure(
                StepFailure.Kind.CONFLICT,
                false,
                "GitOps repository " + remote + " refused the push to " + branch + ": " + update.getStatus()
                        + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")")
                        + "; check branch protection and the token's write permission");
    }

    @Override
    public boolean contains(String revision, String commit) {
        if (revision.equals(commit)) {
            return true;
        }
        if (resolve(revision).isEmpty() || resolve(commit).isEmpty()) {
            syncRefsOnly();
        }
        Optional<ObjectId> tip = resolve(revision);
        Optional<ObjectId> base = resolve(commit);
        if (tip.isEmpty() || base.isEmpty()) {
            return false;
        }
        try (RevWalk walk = new RevWalk(open().getRepository())) {
            return walk.isMergedInto(walk.parseCommit(base.get()), walk.parseCommit(tip.get()));
        } catch (IOException e) {
            throw new StepFailure(StepFailure.Kind.INTERNAL, true, "cannot walk history of " + remote, e);
        }
    }

    @Override
    public Optional<String> findCommitWithTrailer(String trailer, String value, int depth) {
        String line = trailer + ": " + value;
        Optional<ObjectId> head = resolve(remoteRef());
        if (head.isEmpty()) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(open().getRepository())) {
            walk.markStart(walk.parseCommit(head.get()));
            int seen = 0;
            for (RevCommit commit : walk) {
                if (seen++ >= depth) {
                    break;
                }
                if (commit.getFullMessage().lines().anyMatch(line::equals)) {
                    return Optional.of(commit.name());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new StepFailure(StepFailure.Kind.INTERNAL, true, "cannot walk history of " + remote, e);
        }
    }

    private void syncRefsOnly() {
        call("fetch", () -> open().fetch()
                .setRemote("origin")
                .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + remoteRef()))
                .setCredentialsProvider(credentials)
                .call());
    }

    private Optional<ObjectId> resolve(String revision) {
        try {
            ObjectId id = open().getRepository().resolve(revision);
            return id == null || !open().getRepository().getObjectDatabase().has(id)
                    ? Optional.empty()
                    : Optional.of(id);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String remoteRef() {
        return "refs/remotes/origin/" + branch;
    }

    private Git open() {
        if (git != null) {
            return git;
        }
        try {
            if (Files.isDirectory(directory.resolve(".git"))) {
                git = Git.open(directory.toFile());
            } else {
                Files.createDirectories(directory);
                git = call("clone", () -> Git.cloneRepository()
                        .setURI(url)
                        .setDirectory(directory.toFile())
                        .setBranch(branch)
                        .setCredentialsProvider(credentials)
                        .call());
            }
            return git;
        } catch (IOException e) {
            throw new StepFailure(
                    StepFailure.Kind.INTERNAL, true, "cannot open the GitOps working copy at " + directory, e);
        }
    }

    private <T> T call(String what, GitCall<T> call) {
        try {
            return call.run();
        } catch (InvalidRemoteException e) {
            throw new StepFailure(
                    StepFailure.Kind.NOT_FOUND,
                    false,
                    "GitOps repository " + remote + " does not exist or is not a git repository (" + what + ")",
                    e);
        } catch (TransportException e) {
            throw GitTransportErrors.translate(remote, what, e);
        } catch (GitAPIException e) {
            throw new StepFailure(
                    StepFailure.Kind.INTERNAL,
                    true,
                    what + " failed on GitOps repository " + remote + ": " + Redaction.redact(e.getMessage()),
                    e);
        }
    }

    @FunctionalInterface
    private interface GitCall<T> {
        T run() throws GitAPIException;
    }
}
