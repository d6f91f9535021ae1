package dev.ferry.repo.jgit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FileUtils;

/**
 * Bare scratch repositories that borrow a source repository's objects through git alternates, so a split writes only
 * new commit objects (and the empty tree) and never copies the source's trees and blobs; and for a merge, one that holds
 * the merged repositories' objects itself.
 */
public final class WorkRepositories {

    private WorkRepositories() {}

    /** Opens (creating it the first time) the work repository at {@code directory}, reading {@code source}'s objects. */
    public static Repository borrowingFrom(Repository source, Path directory) throws IOException {
        return borrowingFromAll(List.of(source), directory);
    }

    /**
     * A new work repository for a merge into {@code monorepo}: it reads the monorepo's objects through an alternate;
     * the {@code merged} repositories' objects are copied in by {@link #gatherObjects} (the merge does it while it
     * rewrites their histories), so a push of the merged history looks each object up in one place instead of once per
     * repository. Whatever was at {@code directory} before is deleted: nothing in it outlives one merge.
     */
    public static Repository forMergeInto(Repository monorepo, List<Repository> merged, Path directory)
            throws IOException {
        FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        var borrowed = new ArrayList<Path>(List.of(objectsOf(monorepo)));
        for (Repository repository : merged) {
            borrowed.addAll(alternatesOf(objectsOf(repository)));
        }
        return create(borrowed, directory);
    }

    /**
     * Copies every object of the {@code merged} repositories into {@code work}: their packs as one pack (see {@link
     * PackUnion}), their loose objects as they are.
     */
    static void gatherObjects(List<Repository> merged, Repository work) throws IOException {
        var directories = new ArrayList<ObjectDirectory>();
        for (Repository repository : merged) {
            directories.add(objectDirectory(repository));
        }
        var into = objectDirectory(work);
        PackUnion.of(directories).writeInto(into);
        for (ObjectDirectory from : directories) {
            linkLooseObjects(from.getDirectory().toPath(), into.getDirectory().toPath());
        }
    }

    /**
     * Opens (creating it the first time) a work repository reading the objects of every one of {@code sources}
     * through alternates.
     */
    public static Repository borrowingFromAll(List<Repository> sources, Path directory) throws IOException {
        var borrowed = new ArrayList<Path>();
        sources.forEach(source -> borrowed.add(objectsOf(source)));
        return create(borrowed, directory);
    }

    private static Repository create(List<Path> borrowed, Path directory) throws IOException {
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
            borrowed.forEach(objects -> lines.append(objects.toAbsolutePath()).append('\n'));
            Files.writeString(alternates, lines);
        } catch (GitAPIException e) {
            throw new IOException("cannot create work repository " + directory + ": " + e.getMessage(), e);
        }
        return new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(directory.toFile())
                .setMustExist(true)
                .build();
    }

    private static Path objectsOf(Repository repository) {
        return repository.getDirectory().toPath().resolve("objects");
    }

    private static ObjectDirectory objectDirectory(Repository repository) throws IOException {
        if (repository.getObjectDatabase() instanceof ObjectDirectory directory) {
            return directory;
        }
        throw new IOException(
                repository + " does not keep its objects in a directory; a merge reads repositories on disk");
    }

    /** The object directories {@code objects} borrows from itself ({@code git clone --shared}, {@code --reference}). */
    private static List<Path> alternatesOf(Path objects) throws IOException {
        Path file = objects.resolve("info/alternates");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        var alternates = new ArrayList<Path>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                alternates.add(objects.resolve(line.strip()).normalize());
            }
        }
        return alternates;
    }

    /** Loose objects (not yet packed) of {@code from}, hard-linked into {@code into} where possible, else copied. */
    private static void linkLooseObjects(Path from, Path into) throws IOException {
        try (DirectoryStream<Path> fanout = Files.newDirectoryStream(from, "[0-9a-f][0-9a-f]")) {
            for (Path subdirectory : fanout) {
                try (DirectoryStream<Path> objects = Files.newDirectoryStream(subdirectory)) {
                    for (Path object : objects) {
                        Path target = into.resolve(subdirectory.getFileName()).resolve(object.getFileName());
                        if (!Files.exists(target)) {
                            Files.createDirectories(target.getParent());
                            link(object, target);
                        }
                    }
                }
            }
        }
    }

    private static void link(Path object, Path target) throws IOException {
        try {
            Files.createLink(target, object);
        } catch (IOException | UnsupportedOperationException notHere) {
            // Another file system, or one without hard links: a copy reads the same.
            Files.copy(object, target);
        }
    }
}
