package dev.ferry.repo.app;

import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.SourceMirrors;
import dev.ferry.repo.jgit.WorkRepositories;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * Where a phase works on a source repository, under the data directory: the source's local mirror, and beside it the
 * work repository that split commits and archive notices are written to. The caller closes both.
 */
final class SourceWorkspace {

    private final Path dataDirectory;
    private final SourceMirrors mirrors;
    private final CredentialStore credentials;

    SourceWorkspace(Path dataDirectory, CredentialStore credentials) {
        this.dataDirectory = dataDirectory;
        this.mirrors = new SourceMirrors(dataDirectory.resolve("mirrors"));
        this.credentials = credentials;
    }

    /** The token for a service's source, named by a service parameter since the source spec has no credential field. */
    Optional<String> sourceToken(ServiceWork service) {
        return Optional.ofNullable(service.getParameters().get(RepoPhaseHandler.SOURCE_CREDENTIAL))
                .flatMap(credentials::token);
    }

    /** The repository holding {@code branch} of the source: opened where it is when local, else a fetched mirror. */
    Repository mirror(GitRemote source, String branch) {
        return mirrors.open(source, branch);
    }

    /**
     * The work repository a merge into the source writes to, made anew for each merge: it holds every merged
     * repository's objects and reads the source's, so one push sends the rewritten histories and the merge commits.
     */
    Repository mergeRepositoryFor(Repository source, GitRemote sourceRemote, List<Repository> merged) {
        try {
            return WorkRepositories.forMergeInto(
                    source, merged, dataDirectory.resolve("work").resolve(sourceRemote.key() + "-merge.git"));
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.LOCAL_STORAGE,
                    "cannot prepare a work repository under " + dataDirectory + ": " + e.getMessage(),
                    e);
        }
    }

    /** The source's work repository, one per source location, created the first time. */
    Repository workRepositoryFor(Repository source, GitRemote sourceRemote) {
        try {
            return WorkRepositories.borrowingFrom(
                    source, dataDirectory.resolve("work").resolve(sourceRemote.key() + ".git"));
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.LOCAL_STORAGE,
                    "cannot prepare a work repository under " + dataDirectory + ": " + e.getMessage(),
                    e);
        }
    }
}
