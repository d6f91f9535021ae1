package dev.ferry.deploy.jgit;

import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.domain.StepFailure;
import java.util.Locale;
import org.eclipse.jgit.api.errors.TransportException;

/** Turns JGit's transport errors into failures that say whether to fix credentials or wait for the server. */
final class GitTransportErrors {

    private GitTransportErrors() {}

    static StepFailure translate(String remote, String operation, TransportException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("not authorized")
                || text.contains("authentication")
                || text.contains("401")
                || text.contains("403")) {
            // Not retryable: the same credentials will be refused again.
            return new StepFailure(
                    StepFailure.Kind.AUTHENTICATION,
                    false,
                    "GitOps repository " + remote + " refused the credentials for " + operation
                            + "; check the secret named by gitops.credentialRef and its write permission",
                    e);
        }
        if (text.contains("not found") || text.contains("404") || text.contains("not a git repository")) {
            return new StepFailure(
                    StepFailure.Kind.NOT_FOUND,
                    false,
                    "GitOps repository " + remote + " was not found (" + operation + ")",
                    e);
        }
        // Connection refused, timeouts, resets: the server may come back.
        return new StepFailure(
                StepFailure.Kind.UNREACHABLE,
                true,
                "GitOps repository " + remote + " could not be reached for " + operation + ": "
                        + Redaction.redact(e.getMessage()),
                e);
    }
}
