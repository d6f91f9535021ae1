package dev.ferry.plan.yaml;

import dev.ferry.plan.action.Run;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code run} phase's settings, checked where they are written: what its place needs is there, nothing of another
 * place is, variable names are ones a shell takes, and {@code expectOutput} compiles. Whether an image exists or a
 * workflow takes {@code workflow_dispatch} can only be known when the step runs.
 */
final class JobChecks {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The fields only one place uses, by place. */
    private static final Map<String, List<String>> OWN_FIELDS = Map.of(
            Run.LOCAL, List.of(Run.NETWORK),
            Run.KUBERNETES, List.of(Run.NAMESPACE, Run.BACKOFF_LIMIT, "environment"),
            Run.GITHUB_ACTIONS, List.of(Run.WORKFLOW, Run.INPUTS));
    /** What a workflow run takes from its own workflow file instead. */
    private static final List<String> CONTAINER_FIELDS =
            List.of(Run.IMAGE, Run.COMMAND, Run.ENV, Run.SECRET_ENV, Run.WORKSPACE);

    private final Problems problems;

    JobChecks(Problems problems) {
        this.problems = problems;
    }

    /** @param buildBefore whether a build phase runs before this one, so the job may run the image it built */
    void check(PhaseDraft phase, boolean buildBefore) {
        YamlMap map = phase.map();
        String place = Run.runsOn(phase.settings());
        OWN_FIELDS.forEach((owner, fields) -> {
            if (!owner.equals(place)) {
                fields.forEach(field -> notFor(map, field, place, "runsOn: " + owner));
            }
        });
        if (place.equals(Run.GITHUB_ACTIONS)) {
            CONTAINER_FIELDS.forEach(field -> notFor(map, field, place, "a job that runs a container"));
            if (!map.has(Run.WORKFLOW)) {
                map.missing(Run.WORKFLOW, "the workflow to dispatch, a file of .github/workflows such as ci.yml");
            }
        } else if (!map.has(Run.IMAGE) && !buildBefore) {
            problems.add(
                    phase.anchor(),
                    map.path(Run.IMAGE),
                    "a run phase with no image runs the image this run built for the service, but no build phase"
                            + " comes before it; add the build phase to dependsOn or name an image");
        }
        variableNames(map, Run.ENV, Run.env(phase.settings()).keySet());
        variableNames(map, Run.SECRET_ENV, Run.secretEnv(phase.settings()).keySet());
        map.string(Run.EXPECT_OUTPUT).ifPresent(pattern -> {
            try {
                Pattern.compile(pattern.value());
            } catch (PatternSyntaxException e) {
                problems.add(
                        pattern.node(),
                        pattern.path(),
                        "\"" + pattern.value() + "\" is not a regular expression: " + e.getDescription());
            }
        });
    }

    private void notFor(YamlMap map, String field, String place, String onlyFor) {
        map.value(field)
                .ifPresent(value -> problems.add(
                        value,
                        map.path(field),
                        "applies only to " + onlyFor + ", and this job runs on " + place + "; remove it"));
    }

    /** The names come from the settings, which the reader took already; a problem is put at the field. */
    private void variableNames(YamlMap map, String field, Set<String> names) {
        names.stream()
                .filter(name -> !VARIABLE.matcher(name).matches())
                .forEach(name -> problems.add(
                        map.value(field).orElseThrow(),
                        map.path(field) + "." + name,
                        "\"" + name + "\" is not an environment variable name; use letters, digits and _, not"
                                + " starting with a digit"));
    }
}
