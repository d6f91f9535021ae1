package dev.ferry.plan.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Where a character of a scalar's value is in the plan's text, so that a problem inside a template points at it rather
 * than at the template's first line. Exact for literal blocks ({@code |}), the usual way to write a file, and for
 * one-line values without escapes; elsewhere the value's start.
 */
final class TemplatePositions {

    private TemplatePositions() {}

    static Mark of(Node node, int offset) {
        Mark start = node.getStartMark();
        if (!(node instanceof ScalarNode scalar) || start == null) {
            return start;
        }
        String before = scalar.getValue().substring(0, offset);
        int lines = (int) before.chars().filter(c -> c == '\n').count();
        int column = offset - (before.lastIndexOf('\n') + 1);
        return switch (scalar.getScalarStyle()) {
            case LITERAL -> literal(start, lines, column);
            case PLAIN -> lines == 0 ? at(start, start.getLine(), start.getColumn() + column) : start;
            case SINGLE_QUOTED, DOUBLE_QUOTED ->
                lines == 0
                                && !scalar.getValue().contains("\\")
                                && !scalar.getValue().contains("'")
                        ? at(start, start.getLine(), start.getColumn() + 1 + column)
                        : start;
            case FOLDED, JSON_SCALAR_STYLE -> start;
        };
    }

    /**
     * A literal block's lines follow its indicator line one for one, each indented as its first non-empty line is. The
     * mark holds the reader's window of the text from the indicator on; should the window end before that line, the
     * indicator is the place.
     */
    private static Mark literal(Mark start, int lines, int column) {
        int[] text = start.getBuffer();
        int i = start.getPointer();
        while (i < text.length && text[i] != '\n') {
            i++;
        }
        for (int line = i + 1; line < text.length; ) {
            int spaces = 0;
            while (line + spaces < text.length && text[line + spaces] == ' ') {
                spaces++;
            }
            if (line + spaces < text.length && text[line + spaces] != '\n') {
                return at(start, start.getLine() + 1 + lines, spaces + column);
            }
            line += spaces + 1;
        }
        return start;
    }

    private static Mark at(Mark start, int line, int column) {
        return new Mark(start.getName(), start.getIndex(), line, column, start.getBuffer(), start.getPointer());
    }
}
