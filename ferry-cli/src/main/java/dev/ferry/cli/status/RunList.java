package dev.ferry.cli.status;

import static dev.ferry.cli.status.StatusText.orDash;
import static dev.ferry.cli.status.StatusText.time;

import dev.ferry.cli.text.Table;
import java.util.List;

/** {@code ferry status}: one line per run. */
final class RunList {

    private RunList() {}

    static List<String> lines(List<MigrationStatus> runs, Palette palette) {
        if (runs.isEmpty()) {
            return List.of("no migrations yet: start one with `ferry apply PLAN.yaml`");
        }
        var table = new Table().row("ID", "PLAN", "STATE", "STARTED", "FINISHED", "STEPS");
        for (MigrationStatus run : runs) {
            table.row(
                    run.id(),
                    orDash(run.planName()),
                    palette.runState(run.state()),
                    time(run.startedAt()),
                    time(run.finishedAt()),
                    run.stepsDone() + "/" + run.stepCount());
        }
        return table.lines();
    }
}
