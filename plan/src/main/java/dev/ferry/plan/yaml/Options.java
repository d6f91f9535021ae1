package dev.ferry.plan.yaml;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How the plan spells enum values: lowercase with dashes ({@code HELM_VALUES} is {@code helm-values}). */
final class Options {

    private Options() {}

    static <E extends Enum<E>> Map<String, E> of(Class<E> type) {
        var options = new LinkedHashMap<String, E>();
        for (E value : type.getEnumConstants()) {
            options.put(spelling(value), value);
        }
        return options;
    }

    static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
