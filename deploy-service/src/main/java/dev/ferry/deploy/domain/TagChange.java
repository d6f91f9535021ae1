package dev.ferry.deploy.domain;

import java.util.Objects;

/**
 * One service's image version to write into one file of a GitOps repository: what a deploy or rollback step asks of
 * the write-back.
 *
 * @param stepId identifies the step for duplicate detection and the commit trailer, e.g. {@code <eventId>/<service>}
 */
public record TagChange(
        String service,
        String environment,
        String migrationId,
        String file,
        TagLocation location,
        ImageVersion version,
        boolean rollback,
        String stepId) {

    public TagChange {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(stepId, "stepId");
        file = RepositoryPath.of(file);
    }

    /** One line of a commit message naming service, tag, environment and migration. */
    String describe() {
        return (rollback ? "roll back " + service + " to " : "deploy " + service + " ") + version.tag() + " in "
                + environment + " (migration " + migrationId + ")";
    }
}
