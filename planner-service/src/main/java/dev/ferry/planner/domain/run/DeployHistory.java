package dev.ferry.planner.domain.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags each service ran in each environment, oldest first: what a rollback restores. A rollback to a tag drops
 * the tags deployed after it, so a second rollback goes one step further back.
 */
final class DeployHistory {
    private final Map<String, List<String>> tags = new HashMap<>();

    void deployed(String service, String environment, String tag) {
        List<String> history = tags.computeIfAbsent(key(service, environment), k -> new ArrayList<>());
        if (history.isEmpty() || !history.getLast().equals(tag)) {
            history.add(tag);
        }
    }

    void rolledBack(String service, String environment, String tag) {
        List<String> history = tags.computeIfAbsent(key(service, environment), k -> new ArrayList<>());
        int at = history.lastIndexOf(tag);
        if (at < 0) {
            history.add(tag);
        } else {
            history.subList(at + 1, history.size()).clear();
        }
    }

    /** The tag running now, or null. */
    String current(String service, String environment) {
        List<String> history = tags.getOrDefault(key(service, environment), List.of());
        return history.isEmpty() ? null : history.getLast();
    }

    /** The tag before the current one, or null when there is none. */
    String previous(String service, String environment) {
        List<String> history = tags.getOrDefault(key(service, environment), List.of());
        return history.size() < 2 ? null : history.get(history.size() - 2);
    }

    private static String key(String service, String environment) {
        return service + "@" + environment;
    }
}
