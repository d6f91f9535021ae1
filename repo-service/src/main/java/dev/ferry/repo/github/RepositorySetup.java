package dev.ferry.repo.github;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a repository should be set up on GitHub; a part that is null or empty is left as it is.
 *
 * @param branch the branch to protect
 * @param protection the branch protection, or null to leave it
 * @param description the repository's description, or null
 * @param topics the topics, or null to leave them
 * @param teams organisation teams by slug, each with the permission it should have
 * @param variables Actions variables by name
 * @param secrets Actions secrets by name
 * @param webhook Ferry's webhook, or null
 */
public record RepositorySetup(
        String branch,
        Protection protection,
        String description,
        List<String> topics,
        Map<String, String> teams,
        Map<String, String> variables,
        Map<String, Secret> secrets,
        Webhook webhook) {

    public RepositorySetup {
        topics = topics == null ? null : List.copyOf(topics);
        teams = Map.copyOf(teams);
        variables = Map.copyOf(variables);
        secrets = Map.copyOf(secrets);
    }

    /**
     * Protection of the branch: these checks must pass and this many approving reviews are needed (0 for none); force
     * pushes are always refused.
     */
    public record Protection(List<String> requiredChecks, int requiredReviews) {
        public Protection {
            requiredChecks = List.copyOf(requiredChecks);
        }
    }

    /** Ferry's webhook: where GitHub posts and the secret it signs with. */
    public record Webhook(String url, Secret secret) {}

    /** A secret value; it never prints, so it cannot reach a log or a message by accident. */
    public static final class Secret {
        private final byte[] value;

        private Secret(byte[] value) {
            this.value = value.clone();
        }

        public static Secret of(String value) {
            return new Secret(value.getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return value.clone();
        }

        String text() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Secret secret && Arrays.equals(value, secret.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Secret[****]";
        }
    }
}
