package dev.ferry.cli.status;

import static dev.ferry.cli.status.StatusText.firstLine;

import dev.ferry.cli.status.MigrationStatus.Phase;
import dev.ferry.cli.status.MigrationStatus.Step;
import dev.ferry.cli.status.MigrationStatus.StepState;
import java.util.ArrayList;
import java.util.List;

/** The last error of each failed or retrying step, one line each, in phase order; the latest ones when limited. */
final class StepErrors {

    private StepErrors() {}

    static List<String> lines(MigrationStatus run, int limit, Palette palette) {
        var errors = new ArrayList<String>();
        for (Phase phase : run.phases()) {
            for (Step step : phase.steps()) {
                boolean failing = step.state() == StepState.FAILED || step.state() == StepState.RETRY_WAIT;
                if (failing && step.lastError() != null) {
                    errors.add("  " + phase.name() + "/" + step.service() + " attempt " + step.attempt() + ": "
                            + palette.error(firstLine(step.lastError())));
                }
            }
        }
        return errors.size() <= limit ? errors : errors.subList(errors.size() - limit, errors.size());
    }
}
