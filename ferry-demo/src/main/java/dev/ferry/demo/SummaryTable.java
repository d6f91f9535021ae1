package dev.ferry.demo;

import dev.ferry.cli.text.Table;
import dev.ferry.demo.DemoReport.ServiceResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The demo's closing table, one line per service, as plain text lines (no I/O here). */
final class SummaryTable {

    private static final List<String> HEADER =
            List.of("service", "commits", "split SHA", "image digest", "GitOps commit (prod)", "lead time");

    private SummaryTable() {}

    static List<String> lines(List<ServiceResult> results, String gitopsEnvironment) {
        var table = new Table().alignRight(1, HEADER.size() - 1).row(HEADER).rule();
        for (ServiceResult r : results) {
            table.row(
                    r.service(),
                    r.commitsKept() == null ? "-" : r.commitsKept().toString(),
                    shortSha(r.splitCommit()),
                    shortDigest(r.imageDigest()),
                    shortSha(r.gitopsCommits().get(gitopsEnvironment)),
                    seconds(r.leadTime()));
        }
        return table.lines();
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
