package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.StepFailure;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a string value in the quoting style the file already used at that spot, so an edit changes the value and
 * nothing else. A plain scalar stays plain unless the new value would then read as a number, boolean or null (a tag
 * such as {@code 1.10} must stay a string), in which case it is double-quoted.
 */
final class ScalarRendering {

    private static final Resolver RESOLVER = new Resolver();

    private ScalarRendering() {}

    static String render(String value, ScalarStyle style, String where) {
        return switch (style) {
            case PLAIN -> readsAsPlainString(value) ? value : doubleQuoted(value);
            case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
            case DOUBLE_QUOTED -> doubleQuoted(value);
            default ->
                throw StepFailure.invalid(
                        where + " is a block scalar (| or >); write the value on the key's line to let Ferry edit it");
        };
    }

    static boolean readsAsPlainString(String value) {
        return !value.isEmpty()
                && RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR)
                && value.chars().allMatch(ScalarRendering::safeInPlain)
                && "-?:,[]{}#&*!|>'\"%@`".indexOf(value.charAt(0)) < 0;
    }

    private static boolean safeInPlain(int c) {
        return Character.isLetterOrDigit(c) || "._-/:@+=".indexOf(c) >= 0;
    }

    private static String doubleQuoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
