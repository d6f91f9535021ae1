package dev.ferry.build.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan's image tag template, such as {@code {service}-{sha}}. Placeholders: {@code {service}}, {@code {sha}} and
 * {@code {git-sha}} (full commit SHA), {@code {short-sha}} (7 characters), {@code {sha:N}} (N characters),
 * {@code {env}} and {@code {semver}} (highest semantic version among the commit's git tags, without a leading v).
 */
public record TagTemplate(String template) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)(?::(\\d+))?}");
    private static final Pattern DOCKER_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int SHORT_SHA = 7;

    /** Checks the template's placeholders now, so a typo fails the plan rather than the push. */
    public static TagTemplate of(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("tag template is empty");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            placeholderKnown(template, m.group(1), m.group(2));
        }
        return new TagTemplate(template);
    }

    /**
     * The tag for these inputs; empty when the template needs a value the inputs do not have ({@code {env}} outside an
     * environment, {@code {semver}} on an untagged commit).
     */
    public Optional<String> render(TagInputs inputs) {
        Matcher m = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            Optional<String> value = value(m.group(1), m.group(2), inputs);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(out);
        String tag = out.toString();
        if (!DOCKER_TAG.matcher(tag).matches()) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT,
                    "tag template " + template + " gives '" + tag + "', which is not a valid image tag"
                            + " (letters, digits, _ . -, at most 128, not starting with . or -)");
        }
        return Optional.of(tag);
    }

    /** Whether the template uses {@code {name}}. */
    public boolean uses(String name) {
        return template.contains("{" + name);
    }

    private static Optional<String> value(String name, String length, TagInputs inputs) {
        return switch (name) {
            case "service" -> Optional.of(inputs.service());
            case "sha", "git-sha" -> Optional.of(length == null ? inputs.commit() : prefix(inputs.commit(), length));
            case "short-sha" -> Optional.of(inputs.commit().substring(0, SHORT_SHA));
            case "env" -> Optional.ofNullable(inputs.environment()).map(env -> env.toLowerCase(Locale.ROOT));
            case "semver" -> SemanticVersion.highest(inputs.gitTags()).map(SemanticVersion::toString);
            default -> throw new IllegalStateException("unchecked placeholder " + name);
        };
    }

    private static String prefix(String commit, String length) {
        return commit.substring(0, Math.min(commit.length(), Integer.parseInt(length)));
    }

    private static void placeholderKnown(String template, String name, String length) {
        boolean known =
                switch (name) {
                    case "service", "short-sha", "env", "semver" -> length == null;
                    case "sha", "git-sha" -> length == null || (Integer.parseInt(length) >= 4);
                    default -> false;
                };
        if (!known) {
            throw new IllegalArgumentException("tag template " + template + " has an unknown placeholder {" + name
                    + (length == null ? "" : ":" + length) + "}; known: {service} {sha} {sha:N} {short-sha}"
                    + " {git-sha} {env} {semver}");
        }
    }
}
