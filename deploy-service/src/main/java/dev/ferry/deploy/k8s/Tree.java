package dev.ferry.deploy.k8s;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-safe reading of the untyped maps a generic Kubernetes resource is made of. */
record Tree(Map<?, ?> map) {

    private static final Tree EMPTY = new Tree(Map.of());

    static Tree of(Object value) {
        return value instanceof Map<?, ?> m ? new Tree(m) : EMPTY;
    }

    Tree at(String key) {
        return of(map.get(key));
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Optional<String> text(String key) {
        Object value = map.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    List<Tree> list(String key) {
        return map.get(key) instanceof List<?> items
                ? items.stream().map(Tree::of).toList()
                : List.of();
    }
}
