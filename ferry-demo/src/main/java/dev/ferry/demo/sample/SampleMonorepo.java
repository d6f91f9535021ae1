package dev.ferry.demo.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Generates a FitSync-like monorepo (seed 000: six services under {@code services/}, a {@code frontend/}, docs and
 * shared root files) with a long, realistic history, for {@code ferry demo} and tests. The same seed and commit count
 * always give the same commits, SHAs included.
 *
 * <p>Objects are written straight through one {@link ObjectInserter} (no index, no working directory per commit), so
 * a few thousand commits take seconds. Every service has a Dockerfile that Ferry's in-process builder builds offline:
 * {@code FROM ${BASE_IMAGE}} with {@code scratch} as the default, no RUN.
 *
 * <pre>{@code
 * GeneratedMonorepo repo = SampleMonorepo.fitSync().setCommits(3000).generateInto(Path.of("fitsync"));
 * }</pre>
 */
public final class SampleMonorepo {

    public static final int DEFAULT_COMMITS = 3000;
    public static final long DEFAULT_SEED = 2025;
    public static final String BRANCH = "main";

    /** Where each service's image has its entrypoint script, whose {@code health} command prints {@code ok}. */
    public static final String ENTRYPOINT = SampleFiles.ENTRYPOINT_IN_IMAGE;

    /** The root commit and one scaffold commit per service come first; fewer commits cannot hold them. */
    public static final int MIN_COMMITS = SampleService.FITSYNC.size() + 2;

    private int commits = DEFAULT_COMMITS;
    private long seed = DEFAULT_SEED;
    private boolean bare;

    private SampleMonorepo() {}

    public static SampleMonorepo fitSync() {
        return new SampleMonorepo();
    }

    /** The services the generated monorepo holds, with their paths and ports. */
    public static List<SampleService> services() {
        return SampleService.FITSYNC;
    }

    /** How many commits the branch gets in all, merges included (default 3000). */
    public SampleMonorepo setCommits(int commits) {
        if (commits < MIN_COMMITS) {
            throw new IllegalArgumentException("a sample monorepo needs at least " + MIN_COMMITS + " commits (the root"
                    + " commit and one per service), got " + commits);
        }
        this.commits = commits;
        return this;
    }

    /** Another seed gives another history of the same shape. */
    public SampleMonorepo setSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /** A bare repository (what a git server holds) instead of one with the branch checked out. */
    public SampleMonorepo setBare(boolean bare) {
        this.bare = bare;
        return this;
    }

    /**
     * Writes the monorepo into {@code directory}, which must not exist or be empty.
     *
     * @throws IOException when the directory holds files already or cannot be written
     */
    public GeneratedMonorepo generateInto(Path directory) throws IOException {
        requireEmpty(directory);
        List<String> paths = services().stream().map(SampleService::path).toList();
        try (Git git = Git.init()
                .setDirectory(directory.toFile())
                .setBare(bare)
                .setInitialBranch(BRANCH)
                .call()) {
            Repository repository = git.getRepository();
            HistoryWriter writer;
            ObjectId head;
            SampleHistory history;
            try (ObjectInserter inserter = packInserter(repository)) {
                writer = new HistoryWriter(inserter, paths);
                history = new SampleHistory(seed, commits, services(), writer);
                head = history.write();
                inserter.flush();
            }
            point(repository, Constants.R_HEADS + BRANCH, head);
            var tags = history.tags();
            for (var tag : tags.entrySet()) {
                point(repository, Constants.R_TAGS + tag.getKey(), tag.getValue());
            }
            if (!bare) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(BRANCH).call();
            }
            Map<String, Integer> perService = new LinkedHashMap<>();
            paths.forEach(path -> perService.put(path, writer.commitsTouching(path)));
            return new GeneratedMonorepo(
                    directory,
                    repository.getDirectory().toPath(),
                    bare,
                    BRANCH,
                    head.name(),
                    writer.commits(),
                    writer.merges(),
                    tags.keySet().stream().sorted(RELEASE_ORDER).toList(),
                    services(),
                    perService);
        } catch (GitAPIException e) {
            throw new IOException("cannot write the sample monorepo into " + directory + ": " + e.getMessage(), e);
        }
    }

    /** v1.0.2 before v1.1.0 before v2.0.0 (tags are vMAJOR.MINOR.PATCH with single-digit parts or more). */
    private static final Comparator<String> RELEASE_ORDER = Comparator.comparing(
            tag -> Stream.of(tag.substring(1).split("\\."))
                    .mapToInt(Integer::parseInt)
                    .toArray(),
            Arrays::compare);

    /**
     * One pack file for the whole history instead of tens of thousands of loose objects, whose creation dominates the
     * time on most file systems (about 30 s against 2 s for 3000 commits here). JGit keeps its pack inserter in an
     * internal package; any other object database gets the public inserter.
     */
    private static ObjectInserter packInserter(Repository repository) {
        if (repository.getObjectDatabase() instanceof ObjectDirectory directory) {
            PackInserter inserter = directory.newPackInserter();
            // A new repository has no objects to look up before writing.
            inserter.checkExisting(false);
            return inserter;
        }
        return repository.newObjectInserter();
    }

    private static void point(Repository repository, String ref, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(ref);
        update.setNewObjectId(id);
        update.setRefLogMessage("generated by ferry's sample monorepo", false);
        RefUpdate.Result result = update.forceUpdate();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
            throw new IOException("cannot set " + ref + " in " + repository.getDirectory() + ": " + result);
        }
    }

    private static void requireEmpty(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is a file; the sample monorepo needs a new or empty directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(directory + " is not empty; generate the sample monorepo into a new directory");
            }
        }
    }
}
