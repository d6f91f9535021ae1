package dev.ferry.plan.yaml;

import dev.ferry.plan.FailurePolicy;
import java.util.List;
import java.util.Map;

/** {@code spec.defaults}: what every service and phase gets unless it says otherwise. */
record Defaults(
        TargetFields target,
        ImageFields image,
        RetryFields retry,
        FailurePolicy onFailure,
        Map<String, Located<String>> parameters) {

    static final List<String> FIELDS = List.of("target", "image", "retry", "onFailure", "parameters");

    static Defaults none() {
        return new Defaults(TargetFields.none(), ImageFields.none(), RetryFields.none(), null, Map.of());
    }

    static Defaults read(YamlMap map) {
        map.allowOnly(FIELDS);
        return new Defaults(
                map.map("target").map(TargetFields::read).orElse(TargetFields.none()),
                map.map("image").map(ImageFields::read).orElse(ImageFields.none()),
                map.map("retry").map(RetryFields::read).orElse(RetryFields.none()),
                map.choice("onFailure", PhaseDraft.FAILURE_POLICIES)
                        .map(Located::value)
                        .orElse(null),
                map.scalars("parameters").orElse(Map.of()));
    }
}
