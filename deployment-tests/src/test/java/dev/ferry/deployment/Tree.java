package dev.ferry.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only walk over parsed YAML (maps, lists, scalars); a missing step gives an empty tree, not an exception. */
record Tree(Object value) {

    Tree at(String... path) {
        Object current = value;
        for (String step : path) {
            current = current instanceof Map<?, ?> map ? map.get(step) : null;
        }
        return new Tree(current);
    }

    boolean exists() {
        return value != null;
    }

    String text() {
        return value == null ? null : String.valueOf(value);
    }

    List<Tree> list() {
        return value instanceof List<?> items ? items.stream().map(Tree::new).toList() : List.of();
    }

    Map<String, Tree> map() {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        var result = new java.util.LinkedHashMap<String, Tree>();
        map.forEach((key, item) -> result.put(String.valueOf(key), new Tree(item)));
        return result;
    }

    List<String> texts() {
        return list().stream().map(Tree::text).toList();
    }

    /** The first item of a list whose {@code key} field equals {@code wanted}. */
    Optional<Tree> find(String key, String wanted) {
        return list().stream()
                .filter(item -> wanted.equals(item.at(key).text()))
                .findFirst();
    }
}
