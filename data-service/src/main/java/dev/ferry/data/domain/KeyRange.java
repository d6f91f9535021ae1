package dev.ferry.data.domain;

import java.util.List;
import java.util.Optional;

/**
 * Rows whose primary key is above {@code after} and at most {@code upTo}, in key order; an empty end is open. Keys are
 * the key columns' values as text, in key order.
 */
public record KeyRange(Optional<List<String>> after, Optional<List<String>> upTo) {

    public static KeyRange all() {
        return new KeyRange(Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "(" + after.map(KeyRange::shown).orElse("start") + ", "
                + upTo.map(KeyRange::shown).orElse("end") + "]";
    }

    static String shown(List<String> key) {
        return key.size() == 1 ? key.getFirst() : key.toString();
    }
}
