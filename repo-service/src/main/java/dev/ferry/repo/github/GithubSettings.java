package dev.ferry.repo.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sets a GitHub repository up as a {@link RepositorySetup} says, through the REST API: each setting is read first and
 * written only when it differs, so configuring twice changes nothing the second time. Secrets are the exception:
 * GitHub never shows a secret's value, so each is written every time, sealed with the repository's public key.
 */
public final class GithubSettings {

    private static final String ADMINISTRATION = "Administration: write";
    /** GitHub's {@code role_name} for each permission a team can be given; a custom role is its own name. */
    private static final Map<String, String> ROLE_NAMES =
            Map.of("pull", "read", "triage", "triage", "push", "write", "maintain", "maintain", "admin", "admin");

    /** What configuring did: the settings changed (by name), the secrets written, Ferry's webhook id. */
    public record Outcome(List<String> changed, List<String> secretsWritten, Optional<Long> webhookId) {}

    private final URI api;
    private final HttpClient http;
    private final GithubCalls.Pause pause;
    private final SealedBox sealedBox;

    public GithubSettings(URI api, HttpClient http) {
        this(api, http, duration -> Thread.sleep(duration), new SealedBox(new SecureRandom()));
    }

    GithubSettings(URI api, HttpClient http, GithubCalls.Pause pause, SealedBox sealedBox) {
        this.api = api;
        this.http = http;
        this.pause = pause;
        this.sealedBox = sealedBox;
    }

    public Outcome configure(GithubRepository repository, String token, RepositorySetup setup) {
        var calls = new GithubCalls(api, http, pause, repository, token);
        String root = "/repos/" + repository.owner() + "/" + repository.name();
        var changed = new ArrayList<String>();
        if (setup.protection() != null && protect(calls, root, setup.branch(), setup.protection())) {
            changed.add("protection");
        }
        if (setup.description() != null && describe(calls, root, setup.description())) {
            changed.add("description");
        }
        if (setup.topics() != null && tag(calls, root, setup.topics())) {
            changed.add("topics");
        }
        new TreeMap<>(setup.teams()).forEach((team, permission) -> {
            if (grant(calls, repository, team, permission)) {
                changed.add("teams." + team);
            }
        });
        new TreeMap<>(setup.variables()).forEach((name, value) -> {
            if (variable(calls, root, name, value)) {
                changed.add("variables." + name);
            }
        });
        List<String> secrets = writeSecrets(calls, root, setup.secrets());
        Optional<Long> hook = Optional.empty();
        if (setup.webhook() != null) {
            FerryWebhook.Hooked hooked = FerryWebhook.ensure(calls, root, setup.webhook());
            hook = Optional.of(hooked.id());
            if (hooked.changed()) {
                changed.add("webhook");
            }
        }
        return new Outcome(changed, secrets, hook);
    }

    private static boolean protect(
            GithubCalls calls, String root, String branch, RepositorySetup.Protection protection) {
        String path = root + "/branches/" + segment(branch) + "/protection";
        String doing = "set branch protection of " + branch + " on";
        GithubCalls.Answer current =
                calls.send("GET", path, null, "read branch protection of " + branch + " on", ADMINISTRATION, 200);
        if (current.status() == 200 && protects(current.body(), protection)) {
            return false;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put(
                "required_status_checks",
                protection.requiredChecks().isEmpty()
                        ? null
                        : Map.of("strict", true, "contexts", protection.requiredChecks()));
        body.put("enforce_admins", null);
        body.put(
                "required_pull_request_reviews",
                protection.requiredReviews() == 0
                        ? null
                        : Map.of("required_approving_review_count", protection.requiredReviews()));
        body.put("restrictions", null);
        body.put("allow_force_pushes", false);
        calls.send("PUT", path, body, doing, ADMINISTRATION, 200);
        return true;
    }

    /** Whether GitHub's protection already is the one asked for. */
    private static boolean protects(JsonNode current, RepositorySetup.Protection wanted) {
        JsonNode checks = current.path("required_status_checks");
        var contexts = new HashSet<String>();
        checks.path("contexts").forEach(context -> contexts.add(context.asText()));
        boolean checksMatch = wanted.requiredChecks().isEmpty()
                ? checks.isMissingNode() || checks.isNull()
                : checks.path("strict").asBoolean(false) && contexts.equals(new HashSet<>(wanted.requiredChecks()));
        int reviews = current.path("required_pull_request_reviews")
                .path("required_approving_review_count")
                .asInt(0);
        boolean forcePushes = current.path("allow_force_pushes").path("enabled").asBoolean(false);
        return checksMatch && reviews == wanted.requiredReviews() && !forcePushes;
    }

    private static boolean describe(GithubCalls calls, String root, String description) {
        JsonNode repository =
                calls.send("GET", root, null, "read", "Metadata: read", 200).body();
        if (description.equals(repository.path("description").asText(""))) {
            return false;
        }
        calls.send("PATCH", root, Map.of("description", description), "set the description of", ADMINISTRATION, 200);
        return true;
    }

    private static boolean tag(GithubCalls calls, String root, List<String> topics) {
        JsonNode current = calls.send("GET", root + "/topics", null, "read the topics of", "Metadata: read", 200)
                .body();
        var names = new HashSet<String>();
        current.path("names").forEach(name -> names.add(name.asText()));
        if (names.equals(new HashSet<>(topics))) {
            return false;
        }
        calls.send("PUT", root + "/topics", Map.of("names", topics), "set the topics of", ADMINISTRATION, 200);
        return true;
    }

    /**
     * Gives an organisation team a permission on the repository ({@code pull}, {@code triage}, {@code push},
     * {@code maintain}, {@code admin} or a custom role's name), unless its role already is that.
     */
    private static boolean grant(GithubCalls calls, GithubRepository repository, String team, String permission) {
        String path = "/orgs/" + repository.owner() + "/teams/" + segment(team) + "/repos/" + repository.owner() + "/"
                + repository.name();
        String needs = ADMINISTRATION + " and the organisation's Members: read";
        GithubCalls.Answer current = calls.read(
                path, "application/vnd.github.v3.repository+json", "read team " + team + "'s role on", needs);
        if (current.status() == 200
                && ROLE_NAMES
                        .getOrDefault(permission, permission)
                        .equals(current.body().path("role_name").asText())) {
            return false;
        }
        calls.send(
                "PUT",
                path,
                Map.of("permission", permission),
                "give team " + team + " " + permission + " on",
                needs,
                204);
        return true;
    }

    private static boolean variable(GithubCalls calls, String root, String name, String value) {
        String permission = "Variables: write";
        String path = root + "/actions/variables/" + segment(name);
        GithubCalls.Answer current =
                calls.send("GET", path, null, "read Actions variable " + name + " of", permission, 200);
        if (current.status() == 404) {
            calls.send(
                    "POST",
                    root + "/actions/variables",
                    Map.of("name", name, "value", value),
                    "create Actions variable " + name + " on",
                    permission,
                    201);
            return true;
        }
        if (value.equals(current.body().path("value").asText())) {
            return false;
        }
        calls.send(
                "PATCH",
                path,
                Map.of("name", name, "value", value),
                "update Actions variable " + name + " on",
                permission,
                204);
        return true;
    }

    /** Seals each secret with the repository's public key and writes it; returns the names written, sorted. */
    private List<String> writeSecrets(GithubCalls calls, String root, Map<String, RepositorySetup.Secret> secrets) {
        if (secrets.isEmpty()) {
            return List.of();
        }
        String permission = "Secrets: write";
        JsonNode key = calls.send(
                        "GET",
                        root + "/actions/secrets/public-key",
                        null,
                        "read the Actions public key of",
                        permission,
                        200)
                .body();
        byte[] publicKey = Base64.getDecoder().decode(key.path("key").asText());
        var written = new ArrayList<String>();
        new TreeMap<>(secrets).forEach((name, secret) -> {
            byte[] sealed = sealedBox.seal(secret.bytes(), publicKey);
            calls.send(
                    "PUT",
                    root + "/actions/secrets/" + segment(name),
                    Map.of(
                            "encrypted_value",
                            Base64.getEncoder().encodeToString(sealed),
                            "key_id",
                            key.path("key_id").asText()),
                    "write Actions secret " + name + " on",
                    permission,
                    201,
                    204);
            written.add(name);
        });
        return written;
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
