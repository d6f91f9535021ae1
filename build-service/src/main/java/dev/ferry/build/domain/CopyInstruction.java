package dev.ferry.build.domain;

import java.util.List;

/**
 * One COPY or ADD of files from the build context, as written in the Dockerfile (sources may hold wildcards; the
 * destination is already resolved against the WORKDIR in force).
 *
 * @param owner {@code --chown} value ({@code user[:group]}), or null to keep root
 * @param mode {@code --chmod} octal permissions, or null for the defaults (644 files, 755 directories)
 */
public record CopyInstruction(List<String> sources, String destination, String owner, String mode, SourceLine line) {

    public CopyInstruction {
        sources = List.copyOf(sources);
    }

    /** Docker copies into a directory when the destination says so or when several files may arrive. */
    boolean destinationIsDirectory() {
        return destination.endsWith("/")
                || sources.size() > 1
                || sources.stream().anyMatch(Glob::hasWildcard);
    }
}
