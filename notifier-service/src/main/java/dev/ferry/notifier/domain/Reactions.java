package dev.ferry.notifier.domain;

import dev.ferry.notifier.domain.MigrationEvent.CommandRejected;
import dev.ferry.notifier.domain.MigrationEvent.DeploySynced;
import dev.ferry.notifier.domain.MigrationEvent.ImagePushed;
import dev.ferry.notifier.domain.MigrationEvent.MigrationFinished;
import dev.ferry.notifier.domain.MigrationEvent.PhaseCompleted;
import dev.ferry.notifier.domain.MigrationEvent.PhaseStarted;
import dev.ferry.notifier.domain.MigrationEvent.RepoSplit;
import dev.ferry.notifier.domain.MigrationEvent.StepFailed;
import dev.ferry.notifier.domain.MigrationEvent.StepSucceeded;
import dev.ferry.notifier.domain.MigrationEvent.TrafficStep;
import java.util.List;
import java.util.Map;

/** Decides, for each kind of event, how the grid changes and which thread replies a person must see. */
public final class Reactions {

    private Reactions() {}

    public static Reaction to(RunBoard board, MigrationEvent event) {
        return switch (event) {
            case PhaseStarted e -> phaseStarted(board, e);
            case RepoSplit e -> quiet(board.withCell(e.phase(), e.service(), CellStatus.SUCCEEDED));
            case StepSucceeded e -> quiet(board.withCell(e.phase(), e.service(), CellStatus.SUCCEEDED));
            case ImagePushed e -> quiet(board.withCell(e.phase(), e.service(), CellStatus.SUCCEEDED));
            case DeploySynced e -> deploySynced(board, e);
            case StepFailed e -> stepFailed(board, e);
            case PhaseCompleted e -> phaseCompleted(board, e);
            case MigrationFinished e -> migrationFinished(board, e);
            case CommandRejected e -> commandRejected(board, e);
            case TrafficStep e -> trafficStep(board, e);
        };
    }

    private static Reaction phaseStarted(RunBoard board, PhaseStarted e) {
        CellStatus status = e.action().waitsForPerson()
                ? CellStatus.AWAITING_APPROVAL
                : e.action().rollsBack() ? CellStatus.ROLLING_BACK : CellStatus.RUNNING;
        RunBoard next = board.withPlan(e.planName()).withPhase(e.phase(), e.environment());
        for (String service : e.services()) {
            next = next.withCell(e.phase(), service, status);
        }
        return new Reaction(next, List.of(phaseStartedReply(next, e)));
    }

    private static Reply phaseStartedReply(RunBoard board, PhaseStarted e) {
        var values = common(board);
        values.put("phase", e.phase());
        values.put("environment", nullToEmpty(e.environment()));
        values.put("environmentSuffix", e.environment() == null ? "" : " in " + e.environment());
        values.put("services", String.join(", ", e.services()));
        if (e.action().waitsForPerson()) {
            values.put("approveCommand", approveCommand(board.migrationId(), e.phase()));
            return new Reply(ReplyKind.APPROVAL_WAITING, e.environment(), values);
        }
        if (e.action().rollsBack()) {
            return new Reply(ReplyKind.ROLLBACK_STARTED, e.environment(), values);
        }
        values.put("action", e.action().word());
        values.put("serviceCount", Integer.toString(e.services().size()));
        values.put("attempt", Integer.toString(e.attempt()));
        values.put("attemptSuffix", e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "");
        putApproval(values, e.approvedBy());
        return new Reply(ReplyKind.PHASE_STARTED, e.environment(), values);
    }

    /** Who approved, for the record in the thread: {@code , approved by dana (cli) as developer, ...}. */
    private static void putApproval(Map<String, String> values, String approvedBy) {
        values.put("approvedBy", nullToEmpty(approvedBy));
        values.put("approvalSuffix", approvedBy == null ? "" : "; approved by " + approvedBy);
    }

    /** A traffic shift's step, told in the thread as it happens; the grid keeps showing the step as running. */
    private static Reaction trafficStep(RunBoard board, TrafficStep e) {
        var values = common(board);
        values.put("phase", e.phase());
        values.put("service", e.service());
        values.put("line", e.line());
        return new Reaction(
                board,
                List.of(new Reply(
                        ReplyKind.TRAFFIC_STEP, board.phaseEnvironments().get(e.phase()), values)));
    }

    /** The exact command a person runs to let a waiting phase go on. */
    public static String approveCommand(String migrationId, String phase) {
        return "ferry approve " + migrationId + " --phase " + phase;
    }

    private static Reaction deploySynced(RunBoard board, DeploySynced e) {
        if (!e.rollback()) {
            return quiet(board.withCell(e.phase(), e.service(), CellStatus.SUCCEEDED));
        }
        var values = common(board);
        values.put("phase", e.phase());
        values.put("service", e.service());
        values.put("environment", e.environment());
        values.put("imageTag", e.imageTag());
        return new Reaction(
                board.withCell(e.phase(), e.service(), CellStatus.ROLLED_BACK),
                List.of(new Reply(ReplyKind.ROLLED_BACK, e.environment(), values)));
    }

    private static Reaction stepFailed(RunBoard board, StepFailed e) {
        RunBoard next = board;
        List<String> failing = e.service() == null ? running(board, e.phase()) : List.of(e.service());
        for (String service : failing) {
            next = next.withCell(e.phase(), service, CellStatus.FAILED);
        }
        var values = common(next);
        values.put("phase", e.phase());
        values.put("service", e.service() == null ? "the whole phase" : e.service());
        values.put("action", e.action().word());
        values.put("attempt", Integer.toString(e.attempt()));
        values.put("errorKind", e.errorKind());
        values.put("retryability", e.retryable() ? "will be retried" : "not retryable");
        values.put("reason", e.reason());
        values.put("detailsSuffix", e.detailsUrl() == null ? "" : " <" + e.detailsUrl() + "|details>");
        String environment = next.phaseEnvironments().get(e.phase());
        return new Reaction(next, List.of(new Reply(ReplyKind.STEP_FAILED, environment, values)));
    }

    private static List<String> running(RunBoard board, String phase) {
        return board.services().stream()
                .filter(s -> !board.status(phase, s).finished() && board.status(phase, s) != CellStatus.PENDING)
                .toList();
    }

    private static Reaction phaseCompleted(RunBoard board, PhaseCompleted e) {
        RunBoard next = board.withPhase(e.phase(), e.environment());
        for (String service : e.servicesSucceeded()) {
            if (next.status(e.phase(), service) != CellStatus.ROLLED_BACK) {
                next = next.withCell(e.phase(), service, CellStatus.SUCCEEDED);
            }
        }
        for (String service : e.servicesFailed()) {
            next = next.withCell(e.phase(), service, CellStatus.FAILED);
        }
        var values = common(next);
        values.put("phase", e.phase());
        values.put("action", e.action().word());
        values.put("environment", nullToEmpty(e.environment()));
        values.put("outcome", e.outcome().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        values.put("duration", Durations.words(e.durationMillis()));
        values.put("succeededCount", Integer.toString(e.servicesSucceeded().size()));
        values.put("failedCount", Integer.toString(e.servicesFailed().size()));
        values.put(
                "failedList", e.servicesFailed().isEmpty() ? "" : " (" + String.join(", ", e.servicesFailed()) + ")");
        putApproval(values, e.approvedBy());
        boolean failed = e.outcome().equals("FAILED") || e.outcome().equals("ABORTED");
        return new Reaction(next, List.of(new Reply(ReplyKind.PHASE_COMPLETED, e.environment(), values, failed)));
    }

    private static Reaction migrationFinished(RunBoard board, MigrationFinished e) {
        RunBoard next = board.withPlan(e.planName()).withOutcome(e.outcome().toLowerCase(java.util.Locale.ROOT));
        var values = common(next);
        values.put("outcome", e.outcome().toLowerCase(java.util.Locale.ROOT));
        values.put("duration", Durations.words(e.durationMillis()));
        values.put("deploySuccessRate", percent(e.deploySuccessRate()));
        values.put("serviceLines", serviceLines(e.services()));
        boolean failed = !e.outcome().equals("SUCCEEDED");
        return new Reaction(next, List.of(new Reply(ReplyKind.MIGRATION_FINISHED, null, values, failed)));
    }

    private static String serviceLines(List<MigrationEvent.ServiceSummary> services) {
        var lines = new StringBuilder();
        for (var s : services) {
            lines.append("• *").append(s.service()).append("*: lead time ");
            lines.append(s.leadTimeMillis() == null ? "never deployed" : Durations.words(s.leadTimeMillis()));
            lines.append(", deploys ").append(s.deploysSucceeded()).append('/').append(s.deploysAttempted());
            for (var rollback : s.rollbacks()) {
                lines.append(", rollback in ")
                        .append(rollback.environment())
                        .append(" took ")
                        .append(Durations.words(rollback.durationMillis()));
            }
            lines.append('\n');
        }
        return lines.toString().stripTrailing();
    }

    private static Reaction commandRejected(RunBoard board, CommandRejected e) {
        var values = common(board);
        values.put("commandType", e.commandType());
        values.put("issuedBy", e.issuedBy());
        values.put("reason", e.reason());
        values.put("stateSuffix", e.migrationState() == null ? "" : " (run is " + e.migrationState() + ")");
        return new Reaction(board, List.of(new Reply(ReplyKind.COMMAND_REJECTED, null, values)));
    }

    private static Reaction quiet(RunBoard board) {
        return new Reaction(board, List.of());
    }

    private static Map<String, String> common(RunBoard board) {
        var values = new java.util.HashMap<String, String>();
        values.put("migrationId", board.migrationId());
        values.put("plan", board.planName());
        return values;
    }

    private static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
