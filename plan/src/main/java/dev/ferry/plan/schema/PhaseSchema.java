package dev.ferry.plan.schema;

import static dev.ferry.plan.schema.Types.bool;
import static dev.ferry.plan.schema.Types.duration;
import static dev.ferry.plan.schema.Types.oneOf;
import static dev.ferry.plan.schema.Types.ref;
import static dev.ferry.plan.schema.Types.requiredText;
import static dev.ferry.plan.schema.Types.spellings;
import static dev.ferry.plan.schema.Types.text;
import static dev.ferry.plan.schema.Types.textList;

import dev.ferry.plan.Rollout;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.ActionField;
import dev.ferry.plan.action.Actions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The schema of one phase, generated from the action catalogue: the fields every phase has, every action's own
 * fields, and per action an {@code if action is X then} block that requires X's required fields and refuses the fields
 * only other actions take. A new action or action field shows up here without a change.
 */
final class PhaseSchema {

    private PhaseSchema() {}

    static Json definition() {
        return Json.object()
                .put("type", "object")
                .put("description", "One phase: an action run once per service, after the phases it depends on.")
                .put("additionalProperties", false)
                .put("required", List.of("name", "action"))
                .put("properties", commonFields().putAll(actionFields()))
                .put("allOf", Actions.all().stream().map(PhaseSchema::perAction).toList());
    }

    private static Json commonFields() {
        return Json.object()
                .put("name", requiredText("Unique name of the phase, e.g. build"))
                .put("action", oneOf(Actions.all().stream().map(Action::name).toList(), actionHelp()))
                .put("dependsOn", textList("Names of phases that must succeed first (a single name is a list of one)"))
                .put(
                        "approval",
                        oneOf(
                                List.of("required", "none", true, false),
                                "required (or true): a person approves before any service starts; none (or false):"
                                        + " runs unattended. Default none, required for gates"))
                .put("approvals", approvals())
                .put("barrier", bool("No service starts until every service's dependencies are done; default false"))
                .put("onFailure", Sections.onFailure("default defaults.onFailure, else stop"))
                .put("retry", ref("retry", "How a failed step is tried again, over defaults.retry"))
                .put("services", textList("The services this phase runs for; default every service"))
                .put(
                        "rollout",
                        oneOf(
                                spellings(Rollout.class),
                                "parallel (every service whose dependencies are done starts at once; the default) or"
                                        + " sequential (one service after another, in the plan's order)"))
                .put("timeout", duration("How long one service's step may run; default the action's own"));
    }

    private static Json approvals() {
        Json approval = Json.object()
                .put("type", "object")
                .put("required", List.of("role"))
                .put("additionalProperties", false)
                .put("properties", Json.object().put("role", requiredText("The role that signs off, e.g. tech-lead")));
        return Json.object()
                .put("type", "array")
                .put(
                        "description",
                        "Sign-offs by role, each by a different person, e.g. [{role: developer}, {role: tech-lead},"
                                + " {role: devops}]; implies approval: required")
                .put("items", approval);
    }

    private static String actionHelp() {
        return "What the phase does: "
                + Actions.all().stream()
                        .map(action -> action.name() + " " + action.summary())
                        .collect(Collectors.joining("; "));
    }

    /** Each field that some action takes, described for all of them; typed where every taker types it alike. */
    private static Json actionFields() {
        var takers = new LinkedHashMap<String, List<Action>>();
        Actions.all().forEach(action -> action.fields()
                .forEach(field -> takers.computeIfAbsent(field.name(), name -> new ArrayList<>())
                        .add(action)));
        Json fields = Json.object();
        takers.forEach((name, actions) -> fields.put(name, sharedField(name, actions)));
        return fields;
    }

    private static Json sharedField(String name, List<Action> actions) {
        List<ActionField> declared =
                actions.stream().map(action -> action.field(name).orElseThrow()).toList();
        String help = actions.stream()
                .map(action ->
                        action.name() + " phases: " + help(action.field(name).orElseThrow()))
                .collect(Collectors.joining("; "));
        boolean alike = declared.stream().map(ActionField::type).distinct().count() == 1;
        return alike ? typed(declared.getFirst(), help) : Json.object().put("description", help);
    }

    private static Json perAction(Action action) {
        var own = Json.object();
        action.fields().forEach(field -> own.put(field.name(), typed(field, help(field))));
        Actions.all().stream()
                .flatMap(other -> other.fields().stream())
                .map(ActionField::name)
                .filter(name -> !action.takes(name))
                .forEach(name -> own.put(name, false));
        if (action.waitsForPerson()) {
            own.put(
                    "approval",
                    oneOf(
                            List.of("required", true),
                            article(action) + " always waits for a person; leave approval out"));
        }
        Json then = Json.object().put("description", article(action) + " phase " + action.summary());
        List<String> required = action.fields().stream()
                .filter(ActionField::required)
                .map(ActionField::name)
                .toList();
        if (!required.isEmpty()) {
            then.put("required", required);
        }
        Json condition = Json.object()
                .put("properties", Json.object().put("action", Json.object().put("const", action.name())))
                .put("required", List.of("action"));
        return Json.object().put("if", condition).put("then", then.put("properties", own));
    }

    private static String article(Action action) {
        return ("aeiou".indexOf(action.name().charAt(0)) >= 0 ? "An " : "A ") + action.name();
    }

    private static Json typed(ActionField field, String description) {
        return switch (field.type()) {
            case ENVIRONMENT -> text(description + "; one of the plan's environments");
            case STRING_LIST -> textList(description);
            case DURATION -> duration(description);
            case BOOLEAN -> bool(description);
            case FILE_LIST -> Types.fileList(description);
            case TEXT -> text(description);
            case COUNT -> Types.integerAtLeast(0, description);
            case TEXT_MAP -> Types.scalars(description);
            case HTTPS_URL -> Types.httpsUrl(description);
            case COMMAND -> textList(description + "; a list of words, or one command line run by /bin/sh -c");
            case CHOICE ->
                oneOf(
                        field.choices(),
                        description + "; default " + field.choices().getFirst());
        };
    }

    private static String help(ActionField field) {
        return field.description() + (field.required() ? " (required)" : "");
    }
}
