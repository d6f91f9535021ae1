package dev.ferry.plan.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The schemas of single values as the reader takes them. Small ones are written inline rather than referenced, so that
 * an editor shows the field's own description next to its type.
 */
final class Types {

    /** A plan duration; the same form {@code DurationText} reads. */
    static final String DURATION_PATTERN = "^(\\d+(ms|s|m|h|d))+$";
    /** The naming rule of {@code DnsLabel}. */
    static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    private static final int DNS_LABEL_MAX = 63;
    /** Relative, forward slashes, never through {@code ..}, {@code .} or {@code //}, never into {@code .git}. */
    static final String REPOSITORY_PATH_PATTERN =
            "^(?![/~])(?![A-Za-z]:)(?!\\.git(/|$))(?!(.*/)?\\.{1,2}(/|$))(?!.*//)[^\\\\]*[^/\\\\]$";

    /** The reader reads any scalar as text (a branch named 2024 is "2024"), so text fields take numbers too. */
    private static final List<String> SCALAR = List.of("string", "number", "boolean");

    private Types() {}

    static Json text(String description) {
        return Json.object().put("type", SCALAR).put("description", description);
    }

    /** Text that must be there and not blank. */
    static Json requiredText(String description) {
        return text(description).put("pattern", "\\S");
    }

    /** A service, environment or plan name. */
    static Json dnsLabel(String description) {
        return text(description + "; lowercase letters, digits and '-', starting and ending with a letter or digit")
                .put("pattern", DNS_LABEL_PATTERN)
                .put("maxLength", DNS_LABEL_MAX);
    }

    /** A list of texts; a single text is read as a list of one. */
    static Json textList(String description) {
        Json item = Json.object().put("type", SCALAR);
        return Json.object()
                .put("anyOf", List.of(item, Json.object().put("type", "array").put("items", item)))
                .put("description", description);
    }

    static Json duration(String description) {
        return Json.object()
                .put("type", "string")
                .put("pattern", DURATION_PATTERN)
                .put("description", description + "; a number with a unit (500ms, 30s, 2m, 1h, 2d) or a sum (1m30s)");
    }

    /**
     * A list of files to write, each a mapping with a path inside the repository and either {@code content} or
     * {@code from}.
     */
    static Json fileList(String description) {
        Json path = requiredText(
                        "Where the file goes, relative to the repository's root, e.g. .github/workflows/ci.yml;"
                                + " for a template repository, the directory its files go to (default the root)")
                .put("pattern", REPOSITORY_PATH_PATTERN);
        Json file = Json.object()
                .put("type", "object")
                .put("additionalProperties", false)
                .put(
                        "properties",
                        Json.object()
                                .put("path", path)
                                .put(
                                        "content",
                                        text("The file's template: {service}, {registry}, {image-repository},"
                                                + " {gitops-repository}, {port} and the service's parameters by name"))
                                .put(
                                        "from",
                                        requiredText("A template file in the source repository, relative to its root")
                                                .put("pattern", REPOSITORY_PATH_PATTERN))
                                .put("repository", requiredText("A template repository: all files of its directory"))
                                .put("branch", text("The template repository's branch; default main"))
                                .put(
                                        "directory",
                                        requiredText("The template repository's directory; default all of it")
                                                .put("pattern", REPOSITORY_PATH_PATTERN))
                                .put("credentialRef", text("Name of the token for a private template repository")))
                .put(
                        "oneOf",
                        List.of(
                                Json.object().put("required", List.of("path", "content")),
                                Json.object().put("required", List.of("path", "from")),
                                Json.object().put("required", List.of("repository"))))
                .put(
                        "dependentRequired",
                        Json.object()
                                .put("branch", List.of("repository"))
                                .put("directory", List.of("repository"))
                                .put("credentialRef", List.of("repository")));
        return Json.object()
                .put("type", "array")
                .put("minItems", 1)
                .put("items", file)
                .put("description", description);
    }

    /** The reader's {@code HttpsUrl}: https, or http on localhost. */
    static Json httpsUrl(String description) {
        return Json.object()
                .put("type", "string")
                .put("pattern", "^(https://[^/?#]+|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])([:/?#]|$))")
                .put("description", description + "; https (http only for localhost)");
    }

    static Json bool(String description) {
        return Json.object().put("type", "boolean").put("description", description);
    }

    static Json integerAtLeast(int minimum, String description) {
        return Json.object().put("type", "integer").put("minimum", minimum).put("description", description);
    }

    static Json numberAtLeast(int minimum, String description) {
        return Json.object().put("type", "number").put("minimum", minimum).put("description", description);
    }

    /** Names with text values (parameters, build arguments); an empty value is the empty text. */
    static Json scalars(String description) {
        List<String> scalarOrNull = new ArrayList<>(SCALAR);
        scalarOrNull.add("null");
        return Json.object()
                .put("type", "object")
                .put("additionalProperties", Json.object().put("type", scalarOrNull))
                .put("description", description);
    }

    static Json oneOf(List<?> values, String description) {
        return Json.object().put("enum", values).put("description", description);
    }

    /** The values of an enum as plans spell them: lowercase with dashes ({@code HELM_VALUES} is helm-values). */
    static <E extends Enum<E>> List<String> spellings(Class<E> type) {
        return List.of(type.getEnumConstants()).stream()
                .map(value -> value.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .toList();
    }

    static Json ref(String definition, String description) {
        return Json.object().put("$ref", "#/$defs/" + definition).put("description", description);
    }

    /** A mapping that takes only {@code properties}, as the reader refuses unknown fields everywhere. */
    static Json section(String description, List<String> required, Json properties) {
        Json section = Json.object()
                .put("type", "object")
                .put("description", description)
                .put("additionalProperties", false);
        if (!required.isEmpty()) {
            section.put("required", required);
        }
        return section.put("properties", properties);
    }
}
