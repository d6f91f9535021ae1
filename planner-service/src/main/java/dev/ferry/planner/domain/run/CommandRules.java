package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.ShiftTraffic;
import dev.ferry.planner.domain.run.RunEffect.CommandRefused;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import dev.ferry.planner.domain.run.RunEffect.ServiceStart;
import dev.ferry.planner.domain.run.RunInput.Abort;
import dev.ferry.planner.domain.run.RunInput.Approve;
import dev.ferry.planner.domain.run.RunInput.Pause;
import dev.ferry.planner.domain.run.RunInput.Resume;
import dev.ferry.planner.domain.run.RunInput.Retry;
import dev.ferry.planner.domain.run.RunInput.Rollback;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * What each ops command does to a run, and why it is refused when it does not apply: a refused command becomes a
 * {@link CommandRefused} effect, never silence.
 */
final class CommandRules {
    private final MigrationRun run;
    private final Instant now;
    private final List<RunEffect> effects;

    CommandRules(MigrationRun run, Instant now, List<RunEffect> effects) {
        this.run = run;
        this.now = now;
        this.effects = effects;
    }

    void apply(RunInput.Command command) {
        Optional<String> refusal = Permissions.refusal(command, run);
        if (refusal.isPresent()) {
            refuse(command, refusal.get());
            return;
        }
        switch (command) {
            case Approve approve -> approve(approve);
            case Pause pause -> pause(pause);
            case Resume resume -> resume(resume);
            case Abort abort -> abort(abort);
            case Retry retry -> retry(retry);
            case Rollback rollback -> rollback(rollback);
        }
    }

    private void approve(Approve approve) {
        var phase = run.plan().phase(approve.phase());
        if (phase.isEmpty() || !phase.get().action().runsForward()) {
            refuse(
                    approve,
                    "the plan has no phase \"" + approve.phase() + "\" to approve; its phases are "
                            + run.forwardPhases().stream()
                                    .map(PhaseDefinition::name)
                                    .toList());
            return;
        }
        PhaseDefinition definition = phase.get();
        PhaseRecord record = run.phaseRecord(definition.name());
        if (!definition.waitsForPerson()) {
            refuse(approve, "phase " + definition.name() + " does not need approval");
        } else if (approve.environment() != null && !approve.environment().equals(definition.environment())) {
            refuse(
                    approve,
                    "phase " + definition.name() + " deploys to " + definition.environment() + ", not "
                            + approve.environment());
        } else if (run.state().isFinal()) {
            refuse(approve, "the run has ended (" + run.state() + ")");
        } else if (record.approved()) {
            refuse(approve, "phase " + definition.name() + " was already approved by " + record.approvedBy);
        } else if (!record.approvalRequested) {
            refuse(
                    approve,
                    "phase " + definition.name() + " is not waiting for approval yet: it waits for "
                            + definition.dependsOn() + " to succeed for every service");
        } else if (definition.approvals().isEmpty()) {
            record.approvals.add(new Approval(approve.issuedBy(), Permissions.APPROVER, now));
            record.approvedBy = approve.issuedBy();
        } else {
            signOff(approve, definition, record);
        }
    }

    /** One of several sign-offs a phase lists by role; the phase is approved when each role has its own person. */
    private void signOff(Approve approve, PhaseDefinition definition, PhaseRecord record) {
        List<String> missing = record.signOffsMissing(definition.approvals());
        String role = approve.role() != null ? approve.role() : onlyRoleOf(approve, missing);
        if (role == null) {
            refuse(
                    approve,
                    "phase " + definition.name() + " needs sign-offs as " + String.join(", ", missing)
                            + "; say which one this is (ferry approve --role ROLE)");
        } else if (record.approvals.stream().anyMatch(given -> given.by().equals(approve.issuedBy()))) {
            refuse(
                    approve,
                    approve.issuedBy() + " already signed off phase " + definition.name() + " as "
                            + record.approvals.stream()
                                    .filter(given -> given.by().equals(approve.issuedBy()))
                                    .findFirst()
                                    .orElseThrow()
                                    .role()
                            + "; each role needs a different person");
        } else if (!missing.contains(role)) {
            refuse(
                    approve,
                    "phase " + definition.name() + " needs no "
                            + (definition.approvals().contains(role) ? "more sign-offs as " : "sign-off as ") + role
                            + "; still missing: " + (missing.isEmpty() ? "none" : String.join(", ", missing)));
        } else {
            record.approvals.add(new Approval(approve.issuedBy(), role, now));
            missing.remove(role);
            if (missing.isEmpty()) {
                record.approvedBy = String.join(
                        ", ",
                        record.approvals.stream()
                                .map(given -> given.by() + " as " + given.role())
                                .toList());
            }
        }
    }

    /** The one missing role a verified approver holds, when it is only one; null otherwise. */
    private static String onlyRoleOf(Approve approve, List<String> missing) {
        if (approve.roles() == null) {
            return null;
        }
        List<String> held =
                missing.stream().distinct().filter(approve.roles()::contains).toList();
        return held.size() == 1 ? held.getFirst() : null;
    }

    private void pause(Pause pause) {
        if (run.state() != RunState.RUNNING) {
            refuse(pause, "only a running run can be paused; this one is " + run.state());
        } else {
            run.state(RunState.PAUSED);
        }
    }

    private void resume(Resume resume) {
        if (run.state() != RunState.PAUSED) {
            refuse(resume, "only a paused run can be resumed; this one is " + run.state());
        } else {
            run.state(RunState.RUNNING);
        }
    }

    private void abort(Abort abort) {
        if (run.state() == RunState.ABORTED || run.state() == RunState.SUCCEEDED) {
            refuse(abort, "the run has already ended (" + run.state() + ")");
        } else {
            run.finish(RunState.ABORTED, now, effects);
        }
    }

    private void retry(Retry retry) {
        if (run.state() == RunState.ABORTED || run.state() == RunState.SUCCEEDED) {
            refuse(retry, "the run has ended (" + run.state() + "); nothing can be retried");
            return;
        }
        if (retry.phase() != null && run.plan().phase(retry.phase()).isEmpty()) {
            refuse(retry, "the plan has no phase \"" + retry.phase() + "\"");
            return;
        }
        // Naming a phase also re-issues its steps stuck in "running" (a lost request or result): a new attempt.
        List<Step> failed = run.steps().values().stream()
                .filter(step -> step.state() == StepState.FAILED || (retry.phase() != null && run.awaitsWorker(step)))
                .filter(step -> retry.phase() == null || step.key().phase().equals(retry.phase()))
                .filter(step -> retry.services().isEmpty()
                        || retry.services().contains(step.key().service()))
                .toList();
        if (failed.isEmpty()) {
            refuse(
                    retry,
                    "no failed" + (retry.phase() == null ? "" : " or running") + " step matches"
                            + (retry.phase() == null ? "" : " in phase " + retry.phase())
                            + (retry.services().isEmpty() ? "" : " for " + retry.services()));
            return;
        }
        failed.forEach(step -> reopen(step.key()));
        run.steps().values().stream()
                .filter(step -> RunCompletion.ABANDONED.equals(step.lastError()))
                .toList()
                .forEach(step -> reopen(step.key()));
        run.stopping(false);
        if (run.state() == RunState.FAILED) {
            run.state(RunState.RUNNING);
        }
    }

    /** The failed step goes back to PENDING, and so do the service's later steps that were skipped because of it. */
    private void reopen(StepKey failed) {
        run.replace(run.steps().get(failed).reopened());
        run.phaseRecord(failed.phase()).finishReported = false;
        for (Step step : List.copyOf(run.steps().values())) {
            if (step.key().service().equals(failed.service()) && step.state() == StepState.SKIPPED) {
                run.replace(step.reopened());
                run.phaseRecord(step.key().phase()).finishReported = false;
            }
        }
    }

    private void rollback(Rollback rollback) {
        String service = rollback.service();
        String environment = rollback.environment();
        // Without a tag to restore, a service whose traffic shift began is rolled back by its traffic.
        Optional<PhaseDefinition> shift =
                rollback.toTag() == null ? trafficShiftOf(service, environment) : Optional.empty();
        if (run.state() == RunState.ABORTED) {
            refuse(rollback, "the run was aborted");
        } else if (run.state() == RunState.PAUSED) {
            // A paused run starts nothing, rollbacks included: resuming is one command away.
            refuse(rollback, "the run is paused; resume it first");
        } else if (run.plan().service(service).isEmpty()) {
            refuse(rollback, "the plan has no service \"" + service + "\"");
        } else if (run.plan().environment(environment).isEmpty()) {
            refuse(rollback, "the plan has no environment \"" + environment + "\"");
        } else if (run.rollbacks().running(service, environment)) {
            refuse(rollback, service + " is already being rolled back in " + environment);
        } else if (shift.isPresent()) {
            trafficToZero(service, environment, shift.get());
        } else {
            String tag = rollback.toTag() != null
                    ? run.deployed().named(service, environment, rollback.toTag())
                    : run.deployed().previous(service, environment);
            if (tag == null && !DataUndos.of(run, service, environment).isEmpty()) {
                // Nothing to deploy again: the service's migrations are undone at once.
                DataUndos.start(run, service, environment, now, effects);
                return;
            }
            if (tag == null) {
                refuse(
                        rollback,
                        service + " has no earlier tag in " + environment + " to roll back to (current: "
                                + run.deployed().current(service, environment) + ") and no migrate-data phase to"
                                + " undo");
                return;
            }
            Step step = run.rollbacks().start(service, environment, now);
            PriorResults prior = StepStarts.prior(run, service, environment).restoring(tag);
            effects.add(new PhaseStartRequested(
                    step.key().phase(),
                    run.rollbacks().actionFor(environment),
                    environment,
                    step.attempt(),
                    List.of(new ServiceStart(service, prior))));
        }
    }

    /**
     * The latest traffic shift of the service in the environment that has begun: a rollback then means its traffic,
     * not a tag (the shift moved users to the new backend; a tag rollback would not move them back).
     */
    private Optional<PhaseDefinition> trafficShiftOf(String service, String environment) {
        return run.forwardPhases().stream()
                .filter(phase -> phase.action().undo() == Action.Undo.TRAFFIC_TO_ZERO)
                .filter(phase -> environment.equals(phase.environment()) && phase.appliesTo(service))
                .filter(phase -> run.step(phase.name(), service)
                        .map(step -> step.state() != StepState.PENDING && step.state() != StepState.SKIPPED)
                        .orElse(false))
                .reduce((first, later) -> later);
    }

    /** A step that sets the shift's route back to 0 % for the new backend and stops a shift still running on it. */
    private void trafficToZero(String service, String environment, PhaseDefinition shift) {
        Step step = run.rollbacks().start(service, environment, now);
        var settings = new HashMap<>(shift.settings());
        settings.put(ShiftTraffic.UNDO, "true");
        effects.add(new PhaseStartRequested(
                step.key().phase(),
                shift.action(),
                environment,
                step.attempt(),
                List.of(new ServiceStart(service, StepStarts.prior(run, service, environment))),
                settings));
    }

    private void refuse(RunInput.Command command, String reason) {
        effects.add(new CommandRefused(command.name(), reason, run.state()));
    }
}
