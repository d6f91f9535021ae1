package dev.ferry.plan.action;

import dev.ferry.plan.TargetRepositoryDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code configure-repository}: sets up each service's own GitHub repository (repo-service, with the token its target's
 * {@code credentialRef} names) so that the next phases can run: branch protection on the default branch, Actions
 * secrets and variables, topics, description, and the webhook that tells Ferry about pushes and workflow runs.
 *
 * <p>Each setting is read first and written only when it differs; secrets, which GitHub never shows, are written
 * every time. On the wire ({@code PhaseStarted.settings}): {@code description}, {@code topics.n} and
 * {@code requiredChecks.n} (from 1), {@code requiredReviews}, {@code teams.SLUG} (a permission), {@code secrets.NAME} (the credential reference whose value
 * becomes the secret; the plan never holds the value), {@code variables.NAME}, {@code webhookUrl} and
 * {@code webhookSecretRef}. A setting the plan leaves out is left as it is, except force pushes to the protected
 * branch, which are always refused once any protection is asked for.
 */
public final class ConfigureRepository {
    public static final String DESCRIPTION = "description";
    public static final String TOPICS = "topics";
    public static final String REQUIRED_CHECKS = "requiredChecks";
    public static final String REQUIRED_REVIEWS = "requiredReviews";
    public static final String SECRETS = "secrets";
    public static final String VARIABLES = "variables";
    public static final String TEAMS = "teams";
    public static final String WEBHOOK_URL = "webhookUrl";
    public static final String WEBHOOK_SECRET_REF = "webhookSecretRef";

    /**
     * The settings this step changed, comma-separated, of {@code protection}, {@code description}, {@code topics},
     * {@code teams.SLUG}, {@code variables.NAME} and {@code webhook}; empty when none.
     */
    public static final String SETTINGS_CHANGED = "settingsChanged";
    /** The names of the secrets written, comma-separated; never their values. */
    public static final String SECRETS_WRITTEN = "secretsWritten";
    /** The id of Ferry's webhook on the repository, when the plan asks for one. */
    public static final String WEBHOOK_ID = "webhookId";
    /** Why nothing was configured, when the target is not a GitHub repository; absent otherwise. */
    public static final String SKIPPED = "skipped";

    static final Action ACTION = Action.named(
                    "configure-repository",
                    "sets each service's GitHub repository up: branch protection, Actions secrets and variables,"
                            + " topics, description and Ferry's webhook")
            .fields(
                    ActionField.optional(DESCRIPTION, ActionField.Type.TEXT, "the repository's description"),
                    ActionField.optional(TOPICS, ActionField.Type.STRING_LIST, "the repository's topics"),
                    ActionField.optional(
                            REQUIRED_CHECKS,
                            ActionField.Type.STRING_LIST,
                            "status checks that must pass before a merge into the default branch (e.g. build)"),
                    ActionField.optional(
                            REQUIRED_REVIEWS,
                            ActionField.Type.COUNT,
                            "approving reviews a pull request into the default branch needs"),
                    ActionField.optional(
                            SECRETS,
                            ActionField.Type.TEXT_MAP,
                            "Actions secrets by name, each the name of a Ferry credential holding its value"
                                    + " (AWS_ROLE_ARN: aws-role); never the value itself"),
                    ActionField.optional(VARIABLES, ActionField.Type.TEXT_MAP, "Actions variables by name"),
                    ActionField.optional(
                            TEAMS,
                            ActionField.Type.TEXT_MAP,
                            "organisation teams by slug, each with its permission on the repository: pull, triage,"
                                    + " push, maintain, admin or a custom role's name"),
                    ActionField.optional(
                            WEBHOOK_URL,
                            ActionField.Type.HTTPS_URL,
                            "Ferry's webhook endpoint, e.g. https://ferry.example.com/webhooks/github"),
                    ActionField.optional(
                            WEBHOOK_SECRET_REF,
                            ActionField.Type.TEXT,
                            "the name of the Ferry credential holding the webhook's shared secret"))
            .requires(Requirement.TARGET_REPOSITORY)
            .outputs(SETTINGS_CHANGED, SECRETS_WRITTEN, WEBHOOK_ID, SKIPPED)
            .timeout(Duration.ofMinutes(10))
            .describedAs(ConfigureRepository::describe);

    private ConfigureRepository() {}

    /** The secrets to write: name to credential reference, sorted by name. */
    public static Map<String, String> secrets(Map<String, String> settings) {
        return ActionField.entries(settings, SECRETS);
    }

    public static Map<String, String> variables(Map<String, String> settings) {
        return ActionField.entries(settings, VARIABLES);
    }

    /** The teams to give a permission: slug to permission, sorted by slug. */
    public static Map<String, String> teams(Map<String, String> settings) {
        return ActionField.entries(settings, TEAMS);
    }

    public static List<String> topics(Map<String, String> settings) {
        return ActionField.items(settings, TOPICS);
    }

    public static List<String> requiredChecks(Map<String, String> settings) {
        return ActionField.items(settings, REQUIRED_CHECKS);
    }

    /** Whether the plan asks for branch protection at all. */
    public static boolean protects(Map<String, String> settings) {
        return settings.containsKey(REQUIRED_REVIEWS)
                || !requiredChecks(settings).isEmpty();
    }

    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        var parts = new ArrayList<String>();
        if (protects(settings)) {
            parts.add("protect the default branch (checks " + requiredChecks(settings) + ", "
                    + settings.getOrDefault(REQUIRED_REVIEWS, "0") + " reviews, no force pushes)");
        }
        if (!secrets(settings).isEmpty()) {
            parts.add("secrets " + String.join(", ", secrets(settings).keySet()));
        }
        if (!variables(settings).isEmpty()) {
            parts.add("variables " + String.join(", ", variables(settings).keySet()));
        }
        if (!teams(settings).isEmpty()) {
            parts.add("teams "
                    + teams(settings).entrySet().stream()
                            .map(team -> team.getKey() + " (" + team.getValue() + ")")
                            .collect(Collectors.joining(", ")));
        }
        if (!topics(settings).isEmpty()) {
            parts.add("topics " + String.join(", ", topics(settings)));
        }
        if (settings.containsKey(DESCRIPTION)) {
            parts.add("description");
        }
        if (settings.containsKey(WEBHOOK_URL)) {
            parts.add("webhook to " + settings.get(WEBHOOK_URL));
        }
        TargetRepositoryDefinition target = step.service().target();
        String where = target == null ? "" : " on " + target.repository();
        return (parts.isEmpty() ? "set nothing" : String.join("; ", parts)) + where
                + "; each setting written only when it differs (skipped when not on GitHub)";
    }
}
