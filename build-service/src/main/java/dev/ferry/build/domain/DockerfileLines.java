package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a Dockerfile into instructions as Docker's parser does: comments and blank lines dropped, lines continued
 * with the escape character joined, each instruction remembering the line it starts on.
 */
final class DockerfileLines {

    /** One instruction: its upper-cased keyword and the rest of its (joined) text. */
    record Instruction(String keyword, String arguments, int line) {}

    private DockerfileLines() {}

    static List<Instruction> split(String text) {
        String[] physical = text.split("\r?\n", -1);
        char escape = escapeDirective(physical);
        var instructions = new ArrayList<Instruction>();
        var current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (current.isEmpty()) {
                start = i + 1;
            }
            String stripped = line.stripTrailing();
            if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape) {
                current.append(stripped, 0, stripped.length() - 1);
                continue;
            }
            current.append(line);
            add(instructions, current.toString(), start);
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            add(instructions, current.toString(), start);
        }
        return instructions;
    }

    private static void add(List<Instruction> instructions, String text, int line) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        int space = indexOfWhitespace(trimmed);
        String keyword = space < 0 ? trimmed : trimmed.substring(0, space);
        String arguments = space < 0 ? "" : trimmed.substring(space).strip();
        instructions.add(new Instruction(keyword.toUpperCase(Locale.ROOT), arguments, line));
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Parser directives ({@code # escape=`}) may only appear before the first instruction or comment. */
    private static char escapeDirective(String[] physical) {
        for (String line : physical) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("#")) {
                return '\\';
            }
            String directive =
                    trimmed.substring(1).strip().toLowerCase(Locale.ROOT).replace(" ", "");
            if (directive.startsWith("escape=") && directive.length() == "escape=".length() + 1) {
                return directive.charAt(directive.length() - 1);
            }
        }
        return '\\';
    }
}
