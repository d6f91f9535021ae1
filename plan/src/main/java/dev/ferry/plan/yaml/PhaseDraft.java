package dev.ferry.plan.yaml;

import dev.ferry.plan.DidYouMean;
import dev.ferry.plan.DurationText;
import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.Rollout;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.ActionField;
import dev.ferry.plan.action.Actions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One entry of {@code phases} as written; references to other names are checked later by {@link ReferenceChecks}.
 * The fields every phase has are read here; the action's own fields come from the action catalogue.
 *
 * @param settings the action's fields other than environment and checklist, as written (validated by their type)
 * @param files the entries of the action's file list, where they were written, for checks of their templates
 */
record PhaseDraft(
        Located<String> name,
        Located<Action> action,
        Located<String> environment,
        List<Located<String>> dependsOn,
        Boolean approval,
        List<String> approvals,
        boolean barrier,
        FailurePolicy onFailure,
        RetryFields retry,
        List<String> checklist,
        List<Located<String>> services,
        Rollout rollout,
        Duration timeout,
        Map<String, String> settings,
        List<FileDraft> files,
        YamlMap map) {

    /** The fields every phase has, whatever its action. */
    static final List<String> COMMON_FIELDS = List.of(
            "name",
            "action",
            "dependsOn",
            "approval",
            "approvals",
            "barrier",
            "onFailure",
            "retry",
            "services",
            "rollout",
            "timeout");
    /** Every field a phase may have: the common ones and each action's own, in catalogue order. */
    static final List<String> FIELDS = allFields();

    static final Map<String, Action> ACTIONS = Actions.byNames();
    private static final String CHECKLIST = "checklist";
    static final Map<String, FailurePolicy> FAILURE_POLICIES = Options.of(FailurePolicy.class);
    static final Map<String, Rollout> ROLLOUTS = Options.of(Rollout.class);
    private static final Map<String, Boolean> APPROVALS =
            Map.of("required", true, "true", true, "none", false, "false", false);

    static PhaseDraft read(YamlMap map) {
        map.allowOnly(FIELDS);
        Located<String> name =
                map.requiredString("name", "the phase's name, e.g. build").orElse(null);
        Optional<Located<Action>> action = map.has("action") ? map.choice("action", ACTIONS) : missingAction(map);
        List<FileDraft> files = fileList(map, action.map(Located::value).orElse(null));
        return new PhaseDraft(
                name,
                action.orElse(null),
                map.string("environment").orElse(null),
                map.strings("dependsOn").orElse(List.of()),
                approval(map),
                approvals(map),
                map.bool("barrier").orElse(false),
                map.choice("onFailure", FAILURE_POLICIES).map(Located::value).orElse(null),
                map.map("retry").map(RetryFields::read).orElse(RetryFields.none()),
                map.strings(CHECKLIST)
                        .map(items -> items.stream().map(Located::value).toList())
                        .orElse(List.of()),
                map.strings("services").orElse(List.of()),
                map.choice("rollout", ROLLOUTS).map(Located::value).orElse(Rollout.PARALLEL),
                map.duration("timeout").orElse(null),
                settings(map, action.map(Located::value).orElse(null), files),
                files,
                map);
    }

    /**
     * The action's fields that have no typed component, checked by their type; fields the action does not take are
     * reported by {@link ReferenceChecks}.
     */
    private static Map<String, String> settings(YamlMap map, Action action, List<FileDraft> files) {
        var settings = new LinkedHashMap<String, String>();
        if (action == null) {
            return settings;
        }
        for (ActionField field : action.fields()) {
            switch (field.type()) {
                case DURATION ->
                    map.duration(field.name())
                            .ifPresent(duration -> settings.put(field.name(), DurationText.format(duration)));
                case BOOLEAN -> map.bool(field.name()).ifPresent(value -> settings.put(field.name(), value.toString()));
                case FILE_LIST -> FileDraft.putSettings(field.name(), files, settings);
                case TEXT -> map.string(field.name()).ifPresent(text -> settings.put(field.name(), text.value()));
                case COUNT -> map.integer(field.name()).ifPresent(count -> putCount(map, field, count, settings));
                case TEXT_MAP ->
                    map.scalars(field.name())
                            .ifPresent(entries -> entries.forEach((name, value) ->
                                    settings.put(ActionField.entryKey(field.name(), name), value.value())));
                case HTTPS_URL ->
                    map.string(field.name())
                            .filter(url -> HttpsUrl.check(url, map.problems()))
                            .ifPresent(url -> settings.put(field.name(), url.value()));
                case STRING_LIST -> putItems(map, field, settings);
                case COMMAND -> putCommand(map, field, settings);
                case CHOICE ->
                    map.choice(field.name(), choices(field))
                            .ifPresent(choice -> settings.put(field.name(), choice.value()));
                case ENVIRONMENT -> {
                    // A typed component of its own.
                }
            }
        }
        return settings;
    }

    private static void putCount(YamlMap map, ActionField field, int count, Map<String, String> settings) {
        if (count < 0) {
            map.problems().add(map.value(field.name()).orElseThrow(), map.path(field.name()), "must be 0 or more");
        } else {
            settings.put(field.name(), Integer.toString(count));
        }
    }

    /** A list as numbered entries from 1; the gate's checklist is a typed component of its own instead. */
    private static void putItems(YamlMap map, ActionField field, Map<String, String> settings) {
        if (field.name().equals(CHECKLIST)) {
            return;
        }
        List<Located<String>> items = map.strings(field.name()).orElse(List.of());
        for (int n = 1; n <= items.size(); n++) {
            settings.put(ActionField.entryKey(field.name(), n), items.get(n - 1).value());
        }
    }

    /** A list of words as numbered entries, or one text as the shell's three words. */
    private static void putCommand(YamlMap map, ActionField field, Map<String, String> settings) {
        Optional<Node> value = map.value(field.name());
        if (value.isEmpty()) {
            return;
        }
        List<String> words;
        if (value.get() instanceof ScalarNode scalar) {
            words = ActionField.shellWords(scalar.getValue());
        } else if (value.get() instanceof SequenceNode) {
            words = map.strings(field.name()).orElse(List.of()).stream()
                    .map(Located::value)
                    .toList();
        } else {
            map.problems()
                    .add(
                            value.get(),
                            map.path(field.name()),
                            "expected a list of words ([pytest, -q]) or one command line for the shell, found "
                                    + Nodes.describe(value.get()));
            return;
        }
        if (words.isEmpty() || words.getFirst().isBlank()) {
            map.problems().add(value.get(), map.path(field.name()), "is empty; give the command to run");
            return;
        }
        for (int n = 1; n <= words.size(); n++) {
            settings.put(ActionField.entryKey(field.name(), n), words.get(n - 1));
        }
    }

    private static Map<String, String> choices(ActionField field) {
        var choices = new LinkedHashMap<String, String>();
        field.choices().forEach(choice -> choices.put(choice, choice));
        return choices;
    }

    /** The entries of the action's file list; an action takes at most one. */
    private static List<FileDraft> fileList(YamlMap map, Action action) {
        if (action == null) {
            return List.of();
        }
        return action.fields().stream()
                .filter(field -> field.type() == ActionField.Type.FILE_LIST)
                .findFirst()
                .map(field -> FileDraft.readAll(map, field.name()))
                .orElse(List.of());
    }

    private static List<String> allFields() {
        var fields = new LinkedHashSet<>(COMMON_FIELDS);
        Actions.all().forEach(action -> action.fields().forEach(field -> fields.add(field.name())));
        return List.copyOf(fields);
    }

    String nameOrNull() {
        return name == null ? null : name.value();
    }

    /** The action, or null when it was missing or unknown (already reported). */
    Action kind() {
        return action == null ? null : action.value();
    }

    List<String> dependencyNames() {
        return dependsOn.stream().map(Located::value).toList();
    }

    /** Where a problem with the phase as a whole is reported: its action, else its start. */
    Node anchor() {
        return action != null ? action.node() : map.node();
    }

    private static Optional<Located<Action>> missingAction(YamlMap map) {
        map.missing("action", "what the phase does: one of " + String.join(", ", ACTIONS.keySet()));
        return Optional.empty();
    }

    /**
     * {@code approvals: [{role: developer}, {role: tech-lead}]}: one sign-off per listed role, each by a different
     * person; a role listed twice takes two people.
     */
    private static List<String> approvals(YamlMap map) {
        var roles = new ArrayList<String>();
        for (YamlMap approval : map.maps("approvals")) {
            approval.allowOnly(List.of("role"));
            approval.requiredString("role", "the role that signs off, e.g. tech-lead")
                    .map(Located::value)
                    .ifPresent(roles::add);
        }
        return roles;
    }

    /** {@code approval: required} or {@code approval: true}; {@code none} or {@code false} to run unattended. */
    private static Boolean approval(YamlMap map) {
        Optional<Node> value = map.value("approval");
        if (value.isEmpty()) {
            return null;
        }
        if (value.get() instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            String text = scalar.getValue().toLowerCase(Locale.ROOT);
            Boolean chosen = APPROVALS.get(text);
            if (chosen != null) {
                return chosen;
            }
            map.problems()
                    .add(
                            scalar,
                            map.path("approval"),
                            "unknown value \"" + scalar.getValue() + "\"" + DidYouMean.hint(text, APPROVALS.keySet())
                                    + "; use required (or true) or none (or false)");
            return null;
        }
        map.problems()
                .add(
                        value.get(),
                        map.path("approval"),
                        "expected required or none, found " + Nodes.describe(value.get()));
        return null;
    }
}
