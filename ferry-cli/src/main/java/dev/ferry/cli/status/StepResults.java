package dev.ferry.cli.status;

import dev.ferry.cli.status.MigrationStatus.Phase;
import dev.ferry.cli.status.MigrationStatus.Step;
import dev.ferry.cli.text.Table;
import java.util.List;

/** What the steps produced (split commits, image digests, GitOps commits), one line per step that produced any. */
final class StepResults {

    private StepResults() {}

    static List<String> lines(MigrationStatus run) {
        var table = new Table();
        for (Phase phase : run.phases()) {
            for (Step step : phase.steps()) {
                if (!step.result().isEmpty()) {
                    table.row("  " + phase.name() + "/" + step.service(), StatusText.results(step.result()));
                }
            }
        }
        return table.lines();
    }
}
