package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.RestoreDatabase;
import dev.ferry.plan.action.RollbackData;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import dev.ferry.planner.domain.run.RunEffect.ServiceStart;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data part of rolling a service back, as undo steps named {@code undo-<phase>}. On the rollback command, each of
 * its {@code migrate-data} phases that began (in this environment or in none) is undone by {@code rollback-data},
 * latest phase first, once the service runs its earlier version again (its tag or traffic rollback succeeded), or at
 * once when there is none to restore, so the service never reads tables being dropped; a phase already undone, or being
 * undone, is not undone again. When a phase with {@code onFailure: rollback} fails, the latest dump of a
 * {@code backup-database} phase it depends on is restored by {@code restore-database}.
 */
final class DataUndos {

    static final String PREFIX = "undo-";

    private DataUndos() {}

    /** The service's migrations a rollback in this environment undoes, latest first. */
    static List<PhaseDefinition> of(MigrationRun run, String service, String environment) {
        return run.forwardPhases().stream()
                .filter(phase -> phase.action().undo() == Action.Undo.ROLLBACK_DATA && phase.appliesTo(service))
                .filter(phase ->
                        phase.environment() == null || phase.environment().equals(environment))
                .filter(phase -> run.step(phase.name(), service)
                        .map(step -> step.state() != StepState.PENDING && step.state() != StepState.SKIPPED)
                        .orElse(false))
                .filter(phase -> run.rollbacks().steps().stream()
                        .noneMatch(undo -> undo.key().equals(new StepKey(PREFIX + phase.name(), service))
                                && (undo.state() == StepState.SUCCEEDED || undo.state() == StepState.STARTED)))
                .toList()
                .reversed();
    }

    /** Starts an undo step for each, adding its {@code phase.started} to {@code effects}. */
    static void start(MigrationRun run, String service, String environment, Instant now, List<RunEffect> effects) {
        for (PhaseDefinition migration : of(run, service, environment)) {
            Step step = run.rollbacks()
                    .startUndo(PREFIX + migration.name(), service, environment, Actions.ROLLBACK_DATA, now);
            effects.add(new PhaseStartRequested(
                    step.key().phase(),
                    Actions.ROLLBACK_DATA,
                    environment,
                    step.attempt(),
                    List.of(new ServiceStart(service, StepStarts.prior(run, service, environment))),
                    Map.of(RollbackData.MIGRATION, migration.name())));
        }
    }

    /**
     * Restores the service's latest dump taken by a backup-database phase {@code failed} depends on, when one
     * succeeded for it; nothing otherwise (the plan reader made sure the phase depends on one).
     */
    static void restoreBackup(
            MigrationRun run, PhaseDefinition failed, String service, Instant now, List<RunEffect> effects) {
        run.forwardPhases().stream()
                .filter(phase -> phase.action().undo() == Action.Undo.RESTORE_BACKUP && phase.appliesTo(service))
                .filter(phase -> StepReports.dependsOn(run, failed, phase.name()))
                .filter(phase -> run.step(phase.name(), service)
                        .map(step -> step.state() == StepState.SUCCEEDED)
                        .orElse(false))
                .reduce((first, later) -> later)
                .ifPresent(backup -> {
                    Step step = run.rollbacks()
                            .startUndo(
                                    PREFIX + backup.name(),
                                    service,
                                    failed.environment(),
                                    Actions.RESTORE_DATABASE,
                                    now);
                    effects.add(new PhaseStartRequested(
                            step.key().phase(),
                            Actions.RESTORE_DATABASE,
                            failed.environment(),
                            step.attempt(),
                            List.of(new ServiceStart(service, StepStarts.prior(run, service, failed.environment()))),
                            Map.of(RestoreDatabase.BACKUP, backup.name())));
                });
    }
}
