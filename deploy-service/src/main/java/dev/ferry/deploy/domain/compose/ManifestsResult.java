package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.compose.ComposeService.Finding;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code manifests} step did.
 *
 * @param commit the commit that wrote the files; empty when the repository already held them all
 * @param files every file of the service's manifests, changed or not
 * @param unfaithful the compose features that no generated object reproduces, by service and line
 * @param applications the Argo CD Applications created or updated, as {@code env:namespace/name}
 */
public record ManifestsResult(
        Optional<String> commit, List<String> files, List<Finding> unfaithful, List<String> applications) {

    public ManifestsResult {
        files = List.copyOf(files);
        unfaithful = List.copyOf(unfaithful);
        applications = List.copyOf(applications);
    }
}
