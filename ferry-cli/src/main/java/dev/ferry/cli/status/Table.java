package dev.ferry.cli.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Left-aligned text columns, sized to their widest cell; colour escapes take no width. */
final class Table {

    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final String GAP = "  ";

    private final List<List<String>> rows = new ArrayList<>();

    Table row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    Table row(String... cells) {
        return row(List.of(cells));
    }

    List<String> lines() {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], visibleLength(row.get(i)));
            }
        }
        var lines = new ArrayList<String>();
        for (List<String> row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - visibleLength(cell))).append(GAP);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    static int visibleLength(String text) {
        return ESCAPES.matcher(text).replaceAll("").length();
    }
}
