package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Source repositories as local object databases a split can walk: a local repository is opened where it is; a remote one
 * is fetched (the branch and every tag) into a bare mirror under Ferry's data directory, which later splits fetch into
 * again so only new objects travel.
 */
public final class SourceMirrors {

    private final Path directory;

    public SourceMirrors(Path directory) {
        this.directory = directory;
    }

    /** The repository holding {@code branch} of {@code source}; the caller closes it. */
    public Repository open(GitRemote source, String branch) {
        return source.isLocal() ? openLocal(source) : fetch(source, branch);
    }

    private static Repository openLocal(GitRemote source) {
        Path path = source.localPath();
        var builder = new FileRepositoryBuilder().setMustExist(true);
        if (Files.isDirectory(path.resolve(Constants.DOT_GIT))) {
            builder.setGitDir(path.resolve(Constants.DOT_GIT).toFile());
        } else {
            builder.setGitDir(path.toFile());
        }
        try {
            Repository repository = builder.build();
            if (!Files.isDirectory(repository.getDirectory().toPath().resolve("objects"))) {
                repository.close();
                throw notFound(source);
            }
            return repository;
        } catch (IOException | IllegalArgumentException e) {
            throw notFound(source);
        }
    }

    private static SplitFailure notFound(GitRemote source) {
        return new SplitFailure(
                SplitFailure.Kind.REPOSITORY_NOT_FOUND,
                "source repository " + source.redacted() + " not found: no git repository at " + source.localPath());
    }

    private Repository fetch(GitRemote source, String branch) {
        Path mirror = directory.resolve(source.key() + ".git");
        try {
            if (!Files.isDirectory(mirror.resolve("objects"))) {
                Git.init()
                        .setBare(true)
                        .setInitialBranch(branch)
                        .setDirectory(mirror.toFile())
                        .call()
                        .close();
            }
            Repository repository = new FileRepositoryBuilder()
                    .setGitDir(mirror.toFile())
                    .setMustExist(true)
                    .build();
            try (Git git = Git.wrap(repository)) {
                source.configure(git.fetch()
                                .setRemote(source.uri())
                                .setRefSpecs(
                                        new RefSpec(
                                                "+" + Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch),
                                        new RefSpec("+" + Constants.R_TAGS + "*:" + Constants.R_TAGS + "*")))
                        .call();
            } catch (TransportException e) {
                repository.close();
                throw source.failure("fetching " + branch, e);
            }
            return repository;
        } catch (IOException | GitAPIException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.UNREACHABLE,
                    "cannot mirror " + source.redacted() + " into " + mirror + ": " + GitRemote.redact(e.getMessage()),
                    e);
        }
    }
}
