package dev.ferry.runtime.steps;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One step as a worker sees it: a service's part of a phase of a run. Attempts of the same step share a ref.
 *
 * @param migrationId the run
 * @param phase the phase's name (a rollback's own phase name for rollbacks)
 * @param service the service, or {@code ""} for a step that concerns the whole phase
 */
public record StepRef(String migrationId, String phase, String service) {

    public StepRef {
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(phase, "phase");
        service = service == null ? "" : service;
    }

    /**
     * The log's key: the consumer group first, so replicas of one worker share their marks and two different workers
     * never read each other's. Each part is URL-encoded, so a phase named with a slash or a space stays one part.
     */
    public String key(String group) {
        return Stream.of(group, migrationId, phase, service)
                .map(StepRef::encode)
                .collect(Collectors.joining("/"));
    }

    /** The ref in a key written by {@link #key}, or null when the key belongs to another group or is not a ref. */
    public static StepRef fromKey(String group, String key) {
        if (key == null) {
            return null;
        }
        String[] parts = key.split("/", -1);
        if (parts.length != 4 || !decode(parts[0]).equals(group)) {
            return null;
        }
        return new StepRef(decode(parts[1]), decode(parts[2]), decode(parts[3]));
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
