package dev.ferry.cli.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text columns sized to their widest cell, left-aligned unless a column is set right-aligned (numbers); colour
 * escapes take no width. A rule is a line of dashes as wide as each column.
 */
public final class Table {

    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final String GAP = "  ";

    /** A row of cells, or (cells null) a rule. */
    private record Line(List<String> cells) {}

    private final List<Line> rows = new ArrayList<>();
    private final Set<Integer> rightAligned = new HashSet<>();

    public Table row(List<String> cells) {
        rows.add(new Line(List.copyOf(cells)));
        return this;
    }

    public Table row(String... cells) {
        return row(List.of(cells));
    }

    /** A line of dashes under each column, e.g. between a header and its rows. */
    public Table rule() {
        rows.add(new Line(null));
        return this;
    }

    /** Pads these columns (0-based) on the left, so their values line up on the right. */
    public Table alignRight(int... columns) {
        for (int column : columns) {
            rightAligned.add(column);
        }
        return this;
    }

    public List<String> lines() {
        int columns = rows.stream()
                .filter(row -> row.cells() != null)
                .mapToInt(row -> row.cells().size())
                .max()
                .orElse(0);
        int[] widths = new int[columns];
        for (Line row : rows) {
            if (row.cells() == null) {
                continue;
            }
            for (int i = 0; i < row.cells().size(); i++) {
                widths[i] = Math.max(widths[i], visibleLength(row.cells().get(i)));
            }
        }
        var lines = new ArrayList<String>();
        for (Line row : rows) {
            lines.add(row.cells() == null ? rule(widths) : line(row.cells(), widths));
        }
        return lines;
    }

    private String line(List<String> cells, int[] widths) {
        var line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - visibleLength(cell));
            boolean last = i == cells.size() - 1;
            if (rightAligned.contains(i)) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(last ? "" : padding);
            }
            if (!last) {
                line.append(GAP);
            }
        }
        return line.toString();
    }

    private static String rule(int[] widths) {
        var line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(i == 0 ? "" : GAP).append("-".repeat(widths[i]));
        }
        return line.toString();
    }

    public static int visibleLength(String text) {
        return ESCAPES.matcher(text).replaceAll("").length();
    }
}
