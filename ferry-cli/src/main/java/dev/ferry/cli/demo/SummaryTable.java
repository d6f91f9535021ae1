package dev.ferry.cli.demo;

import dev.ferry.cli.demo.DemoReport.ServiceResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The demo's closing table, one line per service, as plain text lines (no I/O here). */
final class SummaryTable {

    private static final List<String> HEADER =
            List.of("service", "commits", "split SHA", "image digest", "GitOps commit (prod)", "lead time");

    private SummaryTable() {}

    static List<String> lines(List<ServiceResult> results, String gitopsEnvironment) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ServiceResult r : results) {
            rows.add(List.of(
                    r.service(),
                    r.commitsKept() == null ? "-" : r.commitsKept().toString(),
                    shortSha(r.splitCommit()),
                    shortDigest(r.imageDigest()),
                    shortSha(r.gitopsCommits().get(gitopsEnvironment)),
                    seconds(r.leadTime())));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            lines.add(line(rows.get(r), widths));
            if (r == 0) {
                lines.add(String.join(
                        "  ", Arrays.stream(widths).mapToObj("-"::repeat).toList()));
            }
        }
        return lines;
    }

    private static String line(List<String> cells, int[] widths) {
        var line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            boolean number = i == 1 || i == cells.size() - 1;
            String cell = cells.get(i);
            String padded = number
                    ? " ".repeat(widths[i] - cell.length()) + cell
                    : cell + " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? "" : "  ").append(padded);
        }
        return line.toString().stripTrailing();
    }

    static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(12, sha.length()));
    }

    static String shortDigest(String digest) {
        if (digest == null) {
            return "-";
        }
        int colon = digest.indexOf(':');
        return digest.substring(0, Math.min(digest.length(), colon + 1 + 12));
    }

    static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
