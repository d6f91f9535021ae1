package dev.ferry.plan;

/**
 * A service's own repository. {@code repository} may hold {@code {service}}; it is resolved per service by the parser.
 *
 * @param visibility private, internal or public when Ferry creates the repository; null to leave it
 */
public record TargetRepositoryDefinition(
        String repository,
        String defaultBranch,
        String visibility,
        boolean force,
        boolean rewriteTags,
        String credentialRef) {}
