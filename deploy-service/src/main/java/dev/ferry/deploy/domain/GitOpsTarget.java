package dev.ferry.deploy.domain;

import java.util.Optional;

/**
 * One branch of one GitOps repository: the unit the write-back serialises and batches on.
 *
 * @param credentialRef name of the secret holding the token, never the token itself
 */
public record GitOpsTarget(String repository, String branch, Optional<String> credentialRef) {

    public GitOpsTarget {
        if (repository == null || repository.isBlank()) {
            throw StepFailure.invalid("gitops.repository is blank; the plan must name the GitOps repository");
        }
        branch = branch == null || branch.isBlank() ? "main" : branch;
        credentialRef = credentialRef == null ? Optional.empty() : credentialRef;
    }
}
