package dev.ferry.plan.schema;

import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of plan files, for editors: it says which fields exist where, their types, the
 * values enums take, which fields are required, and which fields each action takes (generated from the action
 * catalogue). The reader's tests feed the same plans to both and keep them agreeing.
 *
 * <p>What a schema cannot say is left to the reader: names that refer to each other (dependsOn, a phase's
 * environment and services), unique names, dependency cycles, what an action needs once defaults are laid over each
 * other (a target repository for every service a split splits), placeholders in templates, service paths that leave
 * the repository, and ranges between two fields (maxBackoff not below backoff, syncTimeout up to 24h).
 */
public final class PlanSchema {

    /** Where editors and the schema itself say the schema lives. */
    public static final String ID = "https://ferry.dev/schema/ferry-plan-v1.schema.json";
    /** The committed copy, relative to the repository root; also on the plan jar's class path next to this class. */
    public static final String FILE = "schema/ferry-plan-v1.schema.json";

    private static final String API_VERSION = "ferry.dev/v1";
    private static final String KIND = "MigrationPlan";

    private PlanSchema() {}

    /** The schema's text, ending in a newline; the same for the same catalogue, so it can be committed. */
    public static String generate() {
        Json properties = Json.object()
                .put("apiVersion", constant(API_VERSION, "The plan format's version"))
                .put("kind", constant(KIND, "What the file is"))
                .put("metadata", Types.ref("metadata", "The plan's name and description"))
                .put("spec", Types.ref("spec", "The plan itself"));
        return Json.object()
                        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                        .put("$id", ID)
                        .put("title", "Ferry migration plan (" + API_VERSION + ")")
                        .put(
                                "description",
                                "What Ferry splits, builds and deploys, in which order, and who approves what."
                                        + " Names that refer to each other, dependency cycles and what each action"
                                        + " needs once defaults apply are checked by Ferry's reader, not here.")
                        .put("type", "object")
                        .put("additionalProperties", false)
                        .put("required", List.of("apiVersion", "kind", "metadata", "spec"))
                        .put("properties", properties)
                        .put("$defs", Sections.definitions().put("phase", PhaseSchema.definition()))
                        .write()
                + "\n";
    }

    private static Json constant(String value, String description) {
        return Json.object().put("const", value).put("description", description + "; exactly " + value);
    }
}
