package dev.ferry.planner.domain.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step reported when it succeeded: named outputs, as its action's catalogue entry names them
 * ({@code splitCommit}, {@code imageTag}, ...). Later steps of the same service read them by name.
 */
public record StepResult(Map<String, String> outputs) {

    public StepResult {
        var kept = new LinkedHashMap<String, String>();
        outputs.forEach((name, value) -> {
            if (value != null) {
                kept.put(name, value);
            }
        });
        outputs = Collections.unmodifiableMap(kept);
    }

    /** A result from name/value pairs; null values are left out. */
    public static StepResult of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("outputs come in name/value pairs");
        }
        var outputs = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            outputs.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new StepResult(outputs);
    }

    /** The named output, or null when the step did not report it. */
    public String output(String name) {
        return outputs.get(name);
    }

    /** The result as name/value pairs for people (status API, dry runs). */
    public Map<String, String> describe() {
        return outputs;
    }
}
