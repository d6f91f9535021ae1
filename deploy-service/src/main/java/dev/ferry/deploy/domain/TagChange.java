package dev.ferry.deploy.domain;

import java.util.Map;
import java.util.Objects;

/**
 * One service's image version to write into one file of a GitOps repository: what a deploy or rollback step asks of
 * the write-back.
 *
 * @param stepId identifies the step for duplicate detection and the commit trailer, e.g. {@code <eventId>/<service>}
 * @param createIfMissing files to create, by path, when the branch does not have them yet (the bootstrap); existing
 *     files are never overwritten
 */
public record TagChange(
        String service,
        String environment,
        String migrationId,
        String file,
        TagLocation location,
        ImageVersion version,
        boolean rollback,
        String stepId,
        Map<String, String> createIfMissing) {

    public TagChange {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(stepId, "stepId");
        file = RepositoryPath.of(file);
        createIfMissing = createIfMissing == null ? Map.of() : Map.copyOf(createIfMissing);
        createIfMissing.keySet().forEach(RepositoryPath::of);
    }

    /** A change that creates no files. */
    public TagChange(
            String service,
            String environment,
            String migrationId,
            String file,
            TagLocation location,
            ImageVersion version,
            boolean rollback,
            String stepId) {
        this(service, environment, migrationId, file, location, version, rollback, stepId, Map.of());
    }

    /** One line of a commit message naming service, tag, environment and migration. */
    String describe() {
        return (rollback ? "roll back " + service + " to " : "deploy " + service + " ") + version.tag() + " in "
                + environment + " (migration " + migrationId + ")";
    }
}
