package dev.ferry.build.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real bare git repository, as repo-service leaves a split service, filled commit by commit from a working copy. */
public final class ServiceRepository {

    private final Path bare;
    private final Path work;
    private final Map<String, String> files = new LinkedHashMap<>();

    private ServiceRepository(Path bare, Path work) {
        this.bare = bare;
        this.work = work;
    }

    public static ServiceRepository create(Path directory) {
        try {
            Path bare = directory.resolve("service.git");
            Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(bare.toFile())
                    .call()
                    .close();
            Path work = directory.resolve("work");
            Git.cloneRepository()
                    .setURI(bare.toUri().toString())
                    .setDirectory(work.toFile())
                    .call()
                    .close();
            return new ServiceRepository(bare, work);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public ServiceRepository file(String path, String content) {
        files.put(path, content);
        return this;
    }

    public ServiceRepository file(String path, byte[] content) {
        try {
            Path target = work.resolve(path);
            Files.createDirectories(target.getParent());
            Files.write(target, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A symbolic link at {@code path} to {@code target} (as the link states it), committed as git stores links. */
    public ServiceRepository link(String path, String target) {
        try {
            Path link = work.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits the files given so far, pushes to the bare repository and returns the commit's SHA. */
    public String commit(String message) {
        try (Git git = Git.open(work.toFile())) {
            for (var file : files.entrySet()) {
                Path target = work.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            files.clear();
            git.add().addFilepattern(".").call();
            var who = new PersonIdent(
                    "Ferry Test",
                    "test@ferry.dev",
                    java.time.Instant.ofEpochSecond(1_700_000_000),
                    java.time.ZoneOffset.UTC);
            RevCommit commit = git.commit()
                    .setMessage(message)
                    .setAuthor(who)
                    .setCommitter(who)
                    .call();
            git.push()
                    .setRemote(bare.toUri().toString())
                    .add("HEAD:refs/heads/main")
                    .call();
            return commit.name();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tags the last commit (annotated) and pushes the tag. */
    public void tag(String name) {
        try (Git git = Git.open(work.toFile())) {
            git.tag()
                    .setName(name)
                    .setAnnotated(true)
                    .setMessage("release " + name)
                    .call();
            git.push().setRemote(bare.toUri().toString()).setPushTags().call();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where build-service clones from, as {@code target.repository} names it. */
    public String location() {
        return bare.toString();
    }
}
