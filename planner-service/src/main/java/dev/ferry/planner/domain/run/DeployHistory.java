package dev.ferry.planner.domain.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions each service ran in each environment, oldest first: what a rollback restores. A version is the tag, with
 * {@code @digest} when the deploy pinned the image ({@code tag@sha256:...}, as workers write and read it), so a
 * rollback restores exactly the image that ran, not whatever the tag names now. A rollback to a version drops the ones
 * deployed after it, so a second rollback goes one step further back.
 */
final class DeployHistory {
    private final Map<String, List<String>> versions = new HashMap<>();

    /** A deploy that succeeded: {@code digest} may be null (a fixed tag, or a worker that reports none). */
    void deployed(String service, String environment, String tag, String digest) {
        String version = version(tag, digest);
        List<String> history = history(service, environment);
        if (history.isEmpty() || !history.getLast().equals(version)) {
            history.add(version);
        }
    }

    /** A rollback that restored {@code tag}: the latest version with that tag is current again. */
    void rolledBack(String service, String environment, String tag) {
        List<String> history = history(service, environment);
        int at = latestWithTag(history, tag);
        if (at < 0) {
            history.add(tag);
        } else {
            history.subList(at + 1, history.size()).clear();
        }
    }

    /** The version running now, or null. */
    String current(String service, String environment) {
        List<String> history = versions.getOrDefault(key(service, environment), List.of());
        return history.isEmpty() ? null : history.getLast();
    }

    /** The version before the current one, or null when there is none. */
    String previous(String service, String environment) {
        List<String> history = versions.getOrDefault(key(service, environment), List.of());
        return history.size() < 2 ? null : history.get(history.size() - 2);
    }

    /**
     * The version to restore when someone names a tag: pinned as it ran when it ran here, else the tag alone. A
     * name that already carries a digest is taken as it is.
     */
    String named(String service, String environment, String tag) {
        List<String> history = versions.getOrDefault(key(service, environment), List.of());
        int at = tag.contains("@") ? -1 : latestWithTag(history, tag);
        return at < 0 ? tag : history.get(at);
    }

    private static int latestWithTag(List<String> history, String tag) {
        for (int i = history.size() - 1; i >= 0; i--) {
            String version = history.get(i);
            if (version.equals(tag) || version.startsWith(tag + "@")) {
                return i;
            }
        }
        return -1;
    }

    private static String version(String tag, String digest) {
        return digest == null || digest.isBlank() ? tag : tag + "@" + digest;
    }

    private List<String> history(String service, String environment) {
        return versions.computeIfAbsent(key(service, environment), k -> new ArrayList<>());
    }

    private static String key(String service, String environment) {
        return service + "@" + environment;
    }
}
