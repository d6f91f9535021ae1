package dev.ferry.build.jgit;

import dev.ferry.build.domain.BuildContext;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.RegistrySecrets;
import dev.ferry.build.domain.SourceCheckouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Checks a service's split repository out at the split commit into a temporary directory with JGit, and removes it
 * when the build is done. The directory is the build context; the git tags on the commit feed {@code {semver}}.
 */
public final class JGitSourceCheckouts implements SourceCheckouts {

    private final Path workDirectory;
    private final RegistrySecrets credentials;

    /** Checkouts of public repositories only: a plan that names a credential gets AUTHENTICATION. */
    public JGitSourceCheckouts(Path workDirectory) {
        this(workDirectory, reference -> Optional.empty());
    }

    /** @param credentials the plan's credentials by name; a repository's token is its password */
    public JGitSourceCheckouts(Path workDirectory, RegistrySecrets credentials) {
        this.workDirectory = workDirectory;
        this.credentials = credentials;
    }

    @Override
    public <T> T withCheckout(String repository, String commit, String credentialRef, Function<BuildContext, T> build) {
        Path directory = createDirectory();
        try (Git git = cloneInto(repository, directory, login(repository, credentialRef))) {
            ObjectId id = resolve(git.getRepository(), repository, commit);
            git.checkout().setName(id.name()).call();
            return build.apply(new BuildContext(directory, id.name(), tagsAt(git.getRepository(), id)));
        } catch (GitAPIException | IOException e) {
            throw BuildFailure.retryable(
                    FailureKind.INTERNAL,
                    "cannot check out " + commit + " of " + repository + ": " + e.getMessage(),
                    e);
        } finally {
            delete(directory);
        }
    }

    /** The token of {@code credentialRef}, which must be known when the plan names one. */
    private CredentialsProvider login(String repository, String credentialRef) {
        if (credentialRef == null || credentialRef.isBlank()) {
            return null;
        }
        RegistryCredentials found = credentials
                .lookup(credentialRef)
                .orElseThrow(() -> BuildFailure.permanent(
                        FailureKind.AUTHENTICATION,
                        "repository " + repository + " is read with credential " + credentialRef + ", which"
                                + " build-service has no value for; set ferry.build.credentials." + credentialRef
                                + ".password"));
        String user = found.username() == null || found.username().isBlank() ? "x-access-token" : found.username();
        return new UsernamePasswordCredentialsProvider(user, found.password());
    }

    private static Git cloneInto(String repository, Path directory, CredentialsProvider login) {
        try {
            return Git.cloneRepository()
                    .setURI(repository)
                    .setDirectory(directory.toFile())
                    .setNoCheckout(true)
                    .setCredentialsProvider(login)
                    .call();
        } catch (InvalidRemoteException e) {
            throw BuildFailure.permanent(
                    FailureKind.NOT_FOUND,
                    "repository " + repository + " does not exist or is not a git repository",
                    e);
        } catch (TransportException e) {
            throw BuildFailure.retryable(
                    FailureKind.UNREACHABLE, "cannot fetch repository " + repository + ": " + e.getMessage(), e);
        } catch (GitAPIException e) {
            throw BuildFailure.retryable(FailureKind.INTERNAL, "cannot clone " + repository + ": " + e.getMessage(), e);
        }
    }

    private static ObjectId resolve(Repository git, String repository, String commit) throws IOException {
        ObjectId id = git.resolve(commit + "^{commit}");
        if (id == null) {
            throw BuildFailure.permanent(
                    FailureKind.NOT_FOUND,
                    "commit " + commit + " is not in " + repository + "; was the split pushed before the build?");
        }
        try (RevWalk walk = new RevWalk(git)) {
            RevCommit parsed = walk.parseCommit(id);
            return parsed.getId();
        } catch (MissingObjectException e) {
            throw BuildFailure.permanent(FailureKind.NOT_FOUND, "commit " + commit + " is not in " + repository, e);
        }
    }

    private static List<String> tagsAt(Repository git, ObjectId commit) throws IOException {
        var tags = new ArrayList<String>();
        for (Ref tag : git.getRefDatabase().getRefsByPrefix("refs/tags/")) {
            Ref peeled = git.getRefDatabase().peel(tag);
            ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
            if (commit.equals(target)) {
                tags.add(tag.getName().substring("refs/tags/".length()));
            }
        }
        return tags;
    }

    private Path createDirectory() {
        try {
            Files.createDirectories(workDirectory);
            return Files.createTempDirectory(workDirectory, "context-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkout directory under " + workDirectory, e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover checkout only costs disk space; the next build uses a fresh directory.
        }
    }
}
