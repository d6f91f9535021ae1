package dev.ferry.repo.jgit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * Bare scratch repositories that borrow a source repository's objects through git alternates, so a split writes only
 * new commit objects (and the empty tree) and never copies the source's trees and blobs.
 */
public final class WorkRepositories {

    private WorkRepositories() {}

    /** Opens (creating it the first time) the work repository at {@code directory}, reading {@code source}'s objects. */
    public static Repository borrowingFrom(Repository source, Path directory) throws IOException {
        return borrowingFromAll(java.util.List.of(source), directory);
    }

    /**
     * Opens (creating it the first time) a work repository reading the objects of every one of {@code sources}: what a
     * merge of several repositories into one pushes from.
     */
    public static Repository borrowingFromAll(java.util.List<Repository> sources, Path directory) throws IOException {
        try {
            Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(directory.toFile())
                    .call()
                    .close();
            Path alternates = directory.resolve("objects/info/alternates");
            Files.createDirectories(alternates.getParent());
            var lines = new StringBuilder();
            for (Repository source : sources) {
                lines.append(source.getDirectory().toPath().resolve("objects").toAbsolutePath())
                        .append('\n');
            }
            Files.writeString(alternates, lines);
        } catch (GitAPIException e) {
            throw new IOException("cannot create work repository " + directory + ": " + e.getMessage(), e);
        }
        return new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(directory.toFile())
                .setMustExist(true)
                .build();
    }
}
