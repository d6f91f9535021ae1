package dev.ferry.planner.github;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a verified delivery's JSON body into a {@link GithubDelivery}, or lists everything the planner needs from it
 * that is missing. Field names follow GitHub's documented webhook payloads.
 */
public final class DeliveryParser {

    // The body is already capped by the web edge; Jackson's own 20 M string limit would only reject large but legal
    // payloads with a confusing message.
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final String NO_COMMIT = "0".repeat(40);
    private static final int QUOTED_LENGTH = 100;

    private DeliveryParser() {}

    public static ParsedDelivery parse(SupportedEvent event, String deliveryId, String payload) {
        if (event == SupportedEvent.PING) {
            throw new IllegalArgumentException("a ping carries no repository change to hand on");
        }
        if (payload.isBlank()) {
            return invalid("body is empty (expected the JSON payload)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return invalid("body is not JSON: " + describe(e));
        }
        if (root == null || !root.isObject()) {
            return invalid("body is not a JSON object");
        }
        var problems = new ArrayList<String>();
        String repository = repository(root, problems);
        Routing routing =
                switch (event) {
                    case PUSH -> push(root, problems);
                    case WORKFLOW_RUN -> workflowRun(root, problems);
                    case REGISTRY_PACKAGE -> registryPackage(root, problems);
                    case REPOSITORY -> new Routing(null, null, required(root, problems, "action"));
                    case PING -> throw new AssertionError("refused above");
                };
        if (!problems.isEmpty()) {
            return new ParsedDelivery.Invalid(problems);
        }
        String defaultBranch = text(root, "repository", "default_branch");
        return new ParsedDelivery.Valid(new GithubDelivery(
                deliveryId,
                event.headerValue(),
                repository,
                routing.ref(),
                routing.headCommit(),
                routing.action(),
                defaultBranch,
                payload));
    }

    static EventDetails details(GithubDelivery delivery) {
        JsonNode root = readValid(delivery.payload());
        SupportedEvent event = SupportedEvent.named(delivery.eventType())
                .orElseThrow(() -> new IllegalArgumentException("unsupported event " + delivery.eventType()));
        return switch (event) {
            case PUSH ->
                new EventDetails.Push(
                        text(root, "before"),
                        root.path("created").asBoolean(),
                        root.path("deleted").asBoolean(),
                        root.path("forced").asBoolean());
            case WORKFLOW_RUN -> workflowRunDetails(root.path("workflow_run"));
            case REGISTRY_PACKAGE -> packageDetails(root.path("registry_package"));
            case REPOSITORY ->
                new EventDetails.RepositoryChange(
                        root.path("repository").path("archived").asBoolean());
            case PING -> throw new IllegalArgumentException("a ping has no delivery details");
        };
    }

    /** What routes a delivery, by event; the rest of the payload is carried as is. */
    private record Routing(String ref, String headCommit, String action) {}

    private static String repository(JsonNode root, List<String> problems) {
        String repository = required(root, problems, "repository", "full_name");
        if (repository != null && !OWNER_NAME.matcher(repository).matches()) {
            problems.add("repository.full_name " + quote(repository) + " is not owner/name");
        }
        return repository;
    }

    private static Routing push(JsonNode root, List<String> problems) {
        String ref = required(root, problems, "ref");
        String after = text(root, "after");
        String headCommit = after != null ? after : text(root, "head_commit", "id");
        // A push that deletes a ref reports after = 0000...: there is no commit to build.
        return new Routing(ref, NO_COMMIT.equals(headCommit) ? null : headCommit, null);
    }

    private static Routing workflowRun(JsonNode root, List<String> problems) {
        String action = required(root, problems, "action");
        JsonNode run = requiredObject(root, problems, "workflow_run");
        return new Routing(text(run, "head_branch"), text(run, "head_sha"), action);
    }

    private static Routing registryPackage(JsonNode root, List<String> problems) {
        String action = required(root, problems, "action");
        requiredObject(root, problems, "registry_package");
        return new Routing(null, null, action);
    }

    private static EventDetails.WorkflowRun workflowRunDetails(JsonNode run) {
        return new EventDetails.WorkflowRun(
                run.path("id").asLong(),
                text(run, "name"),
                text(run, "event"),
                text(run, "status"),
                text(run, "conclusion"),
                run.path("run_attempt").asInt(1));
    }

    private static EventDetails.RegistryPackage packageDetails(JsonNode registryPackage) {
        JsonNode version = registryPackage.path("package_version");
        return new EventDetails.RegistryPackage(
                text(registryPackage, "name"),
                text(registryPackage, "package_type"),
                text(version, "version"),
                text(version, "container_metadata", "tag", "name"));
    }

    private static String required(JsonNode root, List<String> problems, String... path) {
        String value = text(root, path);
        if (value == null || value.isBlank()) {
            problems.add(String.join(".", path) + " is missing (expected a non-empty string)");
            return null;
        }
        return value;
    }

    private static JsonNode requiredObject(JsonNode root, List<String> problems, String field) {
        JsonNode node = root.path(field);
        if (!node.isObject()) {
            problems.add(field + " is missing (expected an object)");
        }
        return node;
    }

    /** The string at {@code path}, or null when a step is absent, JSON null, or not a string. */
    private static String text(JsonNode root, String... path) {
        JsonNode node = root;
        for (String field : path) {
            node = node.path(field);
        }
        return node.isTextual() ? node.asText() : null;
    }

    private static JsonNode readValid(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload of an accepted delivery is not JSON: " + describe(e), e);
        }
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line %d, column %d".formatted(at.getLineNr(), at.getColumnNr());
        return e.getOriginalMessage() + where;
    }

    private static String quote(String value) {
        String shown = value.length() > QUOTED_LENGTH ? value.substring(0, QUOTED_LENGTH) + "..." : value;
        return '"' + shown + '"';
    }

    private static ParsedDelivery invalid(String problem) {
        return new ParsedDelivery.Invalid(List.of(problem));
    }
}
