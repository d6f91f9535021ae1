package dev.ferry.notifier.domain;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of each kind of reply: {@code {name}} placeholders filled from the event. Operators may override any
 * template; a template naming a placeholder its kind does not offer is refused when it is configured, not when the
 * first message would have used it.
 */
public final class MessageTemplates {

    /** Every kind may name the run and its plan. */
    static final Set<String> COMMON_PLACEHOLDERS = Set.of("migrationId", "plan");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<ReplyKind, String> templates;

    private MessageTemplates(Map<ReplyKind, String> templates) {
        this.templates = Map.copyOf(templates);
    }

    public static MessageTemplates defaults() {
        var all = new EnumMap<ReplyKind, String>(ReplyKind.class);
        for (ReplyKind kind : ReplyKind.values()) {
            all.put(kind, kind.defaultTemplate());
        }
        return new MessageTemplates(all);
    }

    /** These templates with some replaced; throws naming the kind and the placeholder when one is unknown. */
    public MessageTemplates withOverrides(Map<ReplyKind, String> overrides) {
        var all = new EnumMap<>(templates);
        overrides.forEach((kind, template) -> all.put(kind, checked(kind, template)));
        return new MessageTemplates(all);
    }

    /** The text of a reply; a placeholder without a value renders empty. */
    public String render(ReplyKind kind, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(templates.get(kind));
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String checked(ReplyKind kind, String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("template for " + key(kind) + " is empty; remove it to use the default");
        }
        var allowed = new HashSet<>(kind.placeholders());
        allowed.addAll(COMMON_PLACEHOLDERS);
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw new IllegalArgumentException(
                        "template for " + key(kind) + " uses unknown placeholder {" + m.group(1) + "}; it may use "
                                + allowed.stream().sorted().toList());
            }
        }
        return template;
    }

    /** The kind as it is written in configuration, e.g. step-failed. */
    public static String key(ReplyKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
