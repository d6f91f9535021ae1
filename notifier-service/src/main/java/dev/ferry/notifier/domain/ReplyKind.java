package dev.ferry.notifier.domain;

import java.util.List;

/**
 * The kinds of thread reply a person must see, each with the placeholders its template may use and its default
 * wording. Step failures and approvals are always alerts: they also go to the alerts channel, if one is configured. A
 * phase or a migration that ends failed or aborted is an alert too (decided per event, see {@code Reactions}).
 */
public enum ReplyKind {
    PHASE_STARTED(
            false,
            "Phase *{phase}* ({action}) started{environmentSuffix} for {serviceCount} services{attemptSuffix}"
                    + "{approvalSuffix}",
            "phase",
            "action",
            "environment",
            "environmentSuffix",
            "serviceCount",
            "services",
            "attempt",
            "attemptSuffix",
            "approvedBy",
            "approvalSuffix"),
    PHASE_COMPLETED(
            false,
            "Phase *{phase}* {outcome} in {duration}: {succeededCount} succeeded, {failedCount} failed{failedList}"
                    + "{approvalSuffix}",
            "phase",
            "action",
            "environment",
            "outcome",
            "duration",
            "succeededCount",
            "failedCount",
            "failedList",
            "approvedBy",
            "approvalSuffix"),
    STEP_FAILED(
            true,
            ":x: {action} of *{service}* failed in phase {phase} (attempt {attempt}, {errorKind}, {retryability}):"
                    + " {reason}{detailsSuffix}",
            "migrationId",
            "plan",
            "phase",
            "service",
            "action",
            "attempt",
            "errorKind",
            "retryability",
            "reason",
            "detailsSuffix"),
    APPROVAL_WAITING(
            true,
            ":raised_hand: Phase *{phase}*{environmentSuffix} of {plan} waits for approval. Approve with"
                    + " `{approveCommand}`",
            "migrationId",
            "plan",
            "phase",
            "environment",
            "environmentSuffix",
            "approveCommand"),
    ROLLBACK_STARTED(
            false,
            ":rewind: Rolling back {services}{environmentSuffix} (phase {phase})",
            "phase",
            "services",
            "environment",
            "environmentSuffix"),
    TRAFFIC_STEP(false, ":vertical_traffic_light: *{service}* (phase {phase}): {line}", "phase", "service", "line"),
    ROLLED_BACK(
            false,
            ":rewind: *{service}* rolled back in {environment} to {imageTag}",
            "phase",
            "service",
            "environment",
            "imageTag"),
    MIGRATION_FINISHED(
            false,
            "Migration *{migrationId}* ({plan}) {outcome} in {duration}. Deploy success rate {deploySuccessRate}.\n"
                    + "{serviceLines}",
            "migrationId",
            "plan",
            "outcome",
            "duration",
            "deploySuccessRate",
            "serviceLines"),
    COMMAND_REJECTED(
            false,
            "Command {commandType} from {issuedBy} was rejected: {reason}{stateSuffix}",
            "commandType",
            "issuedBy",
            "reason",
            "stateSuffix");

    private final boolean alert;
    private final String defaultTemplate;
    private final List<String> placeholders;

    ReplyKind(boolean alert, String defaultTemplate, String... placeholders) {
        this.alert = alert;
        this.defaultTemplate = defaultTemplate;
        this.placeholders = List.of(placeholders);
    }

    public boolean alert() {
        return alert;
    }

    public String defaultTemplate() {
        return defaultTemplate;
    }

    public List<String> placeholders() {
        return placeholders;
    }
}
