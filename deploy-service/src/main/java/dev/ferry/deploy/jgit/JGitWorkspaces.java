package dev.ferry.deploy.jgit;

import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.GitOpsWorkspace;
import dev.ferry.deploy.domain.GitOpsWorkspaces;
import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.domain.StepFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Makes JGit working copies under one directory, one per repository and branch, with the credentials the target's
 * {@code credentialRef} names.
 */
public final class JGitWorkspaces implements GitOpsWorkspaces {

    /** A username and token pair resolved from a credential reference; toString never shows the token. */
    public record Credentials(String username, String token) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", token=***]";
        }
    }

    private final Path root;
    private final Function<String, Credentials> credentialsByRef;
    private final String authorName;
    private final String authorEmail;

    public JGitWorkspaces(
            Path root, Function<String, Credentials> credentialsByRef, String authorName, String authorEmail) {
        this.root = root;
        this.credentialsByRef = credentialsByRef;
        this.authorName = authorName;
        this.authorEmail = authorEmail;
    }

    public static JGitWorkspaces withCredentials(Path root, Map<String, Credentials> credentials) {
        return new JGitWorkspaces(root, credentials::get, "Ferry", "ferry@localhost");
    }

    @Override
    public GitOpsWorkspace open(GitOpsTarget target) {
        return new JGitWorkspace(
                target.repository(),
                target.branch(),
                root.resolve(directoryName(target)),
                credentials(target),
                new PersonIdent(authorName, authorEmail));
    }

    private CredentialsProvider credentials(GitOpsTarget target) {
        if (target.credentialRef().isEmpty()) {
            return null;
        }
        String ref = target.credentialRef().get();
        Credentials found = credentialsByRef.apply(ref);
        if (found == null) {
            throw new StepFailure(
                    StepFailure.Kind.AUTHENTICATION,
                    false,
                    "no credentials named '" + ref + "' are configured for GitOps repository "
                            + Redaction.redact(target.repository()) + "; set ferry.deploy.credentials." + ref
                            + ".username and .token");
        }
        return new UsernamePasswordCredentialsProvider(found.username(), found.token());
    }

    private static String directoryName(GitOpsTarget target) {
        String key = target.repository() + "#" + target.branch() + "#"
                + target.credentialRef().orElse("");
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
