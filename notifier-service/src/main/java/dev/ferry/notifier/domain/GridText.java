package dev.ferry.notifier.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a run's board as the parent message: a header line (run, plan, environments, outcome) and a fixed-width
 * table with one row per service and one column per phase, so it stays readable for hundreds of services.
 */
public final class GridText {

    /** Rows beyond this are summarised; Slack truncates message text at 40,000 characters. */
    static final int MAX_ROWS = 200;

    private GridText() {}

    public static String render(RunBoard board) {
        var text = new StringBuilder(header(board)).append('\n');
        if (board.services().isEmpty()) {
            return text.append("_waiting for the first phase_").toString();
        }
        List<List<String>> rows = new ArrayList<>();
        var head = new ArrayList<String>();
        head.add("service");
        head.addAll(board.phases());
        rows.add(head);
        board.services().stream().limit(MAX_ROWS).forEach(service -> rows.add(row(board, service)));
        text.append("```\n").append(table(rows));
        if (board.services().size() > MAX_ROWS) {
            text.append("... and ").append(board.services().size() - MAX_ROWS).append(" more services\n");
        }
        text.append(totals(board)).append("```");
        return text.toString();
    }

    private static String header(RunBoard board) {
        var header =
                new StringBuilder("*Migration ").append(board.migrationId()).append('*');
        if (!board.planName().isEmpty()) {
            header.append(" · plan *").append(board.planName()).append('*');
        }
        header.append(" · ").append(board.services().size()).append(" services");
        if (!board.environments().isEmpty()) {
            header.append(" · environments ").append(String.join(", ", board.environments()));
        }
        header.append(" · ").append(board.outcome().isEmpty() ? "running" : board.outcome());
        return header.toString();
    }

    private static List<String> row(RunBoard board, String service) {
        var row = new ArrayList<String>();
        row.add(service);
        board.phases().forEach(phase -> row.add(board.status(phase, service).label()));
        return row;
    }

    private static String totals(RunBoard board) {
        var line = new StringBuilder("done:");
        for (String phase : board.phases()) {
            long done = board.servicesIn(phase, CellStatus.SUCCEEDED).size();
            line.append(' ')
                    .append(phase)
                    .append(' ')
                    .append(done)
                    .append('/')
                    .append(board.services().size());
        }
        return line.append('\n').toString();
    }

    private static String table(List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        var out = new StringBuilder();
        for (List<String> row : rows) {
            var line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == 0 ? "" : "  ").append(pad(row.get(c), widths[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
