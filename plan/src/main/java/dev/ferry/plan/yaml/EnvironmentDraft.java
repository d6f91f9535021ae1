package dev.ferry.plan.yaml;

import dev.ferry.plan.DnsLabel;
import java.util.ArrayList;
import java.util.List;

/** One entry of {@code environments}: a name and, optionally, its overrides of the plan's GitOps settings. */
record EnvironmentDraft(Located<String> name, GitOpsFields overrides, YamlMap map) {

    static final List<String> FIELDS = fields();

    static EnvironmentDraft read(YamlMap map) {
        map.allowOnly(FIELDS);
        Located<String> name =
                map.requiredString("name", "the environment's name, e.g. dev").orElse(null);
        if (name != null) {
            DnsLabel.problem(name.value()).ifPresent(problem -> map.problems()
                    .add(name.node(), name.path(), "environment name \"" + name.value() + "\" " + problem));
        }
        return new EnvironmentDraft(name, GitOpsFields.read(map), map);
    }

    String nameOrNull() {
        return name == null ? null : name.value();
    }

    private static List<String> fields() {
        var fields = new ArrayList<String>();
        fields.add("name");
        fields.addAll(GitOpsFields.FIELDS);
        return List.copyOf(fields);
    }
}
