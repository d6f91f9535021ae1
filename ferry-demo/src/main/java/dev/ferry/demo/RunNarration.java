package dev.ferry.demo;

import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import java.io.PrintWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the run's results into the demo's console lines (each service's split, image and GitOps commit, failures,
 * rejections; phases are announced by the notifier, which prints to the same console), feeds the
 * {@link DemoReport}, and answers approval requests the way the person running a real migration would with
 * {@code ferry approve}.
 */
final class RunNarration {

    /** Approves a phase (optionally for one environment). */
    @FunctionalInterface
    interface Approver {
        void approve(String phase, String environment);
    }

    private final PrintWriter out;
    private final String migrationId;
    private final DemoReport report;
    private final Approver approver;
    private boolean clusterNoteShown;
    private boolean archiveShown;

    RunNarration(PrintWriter out, String migrationId, DemoReport report, Approver approver) {
        this.out = out;
        this.migrationId = migrationId;
        this.report = report;
        this.approver = approver;
    }

    void on(SpecificRecord event) {
        switch (event) {
            case PhaseStarted started when started.getAction() == PhaseAction.GATE -> approve(started);
            case RepoSplit split -> {
                report.split(split);
                say(
                        "  split  %-20s %5d of %d commits kept -> %s @ %s",
                        split.getService(),
                        split.getCommitsKept(),
                        split.getCommitsWalked(),
                        split.getTargetRepository(),
                        SummaryTable.shortSha(split.getTargetCommit()));
            }
            case ImagePushed image -> {
                report.image(image);
                say("  build  %-20s %s -> %s", image.getService(), image.getDigest(), image.getImageReference());
            }
            case DeploySynced deploy -> {
                report.deployed(deploy);
                say(
                        "  deploy %-20s %s: tag %s committed to GitOps @ %s",
                        deploy.getService(),
                        deploy.getEnvironment(),
                        deploy.getImageTag(),
                        SummaryTable.shortSha(deploy.getGitopsCommit()));
                if (!clusterNoteShown && deploy.getMessage() != null) {
                    clusterNoteShown = true;
                    say("         (%s)", deploy.getMessage());
                }
            }
            case SourceArchived archived
            when !archiveShown -> {
                // Every service reports the one archive of the shared source; once is enough to say.
                archiveShown = true;
                say(
                        "  cutover: %s archived, notice commit %s on %s",
                        archived.getSourceRepository(),
                        SummaryTable.shortSha(archived.getNoticeCommit()),
                        archived.getBranch());
            }
            case StepFailed failed ->
                say(
                        "  FAILED %s %s (attempt %d, %s%s): %s",
                        failed.getPhase(),
                        failed.getService(),
                        failed.getAttempt(),
                        failed.getErrorKind(),
                        failed.getRetryable() ? ", will be retried" : "",
                        failed.getReason());
            case CommandRejected rejected ->
                say("the planner rejected %s: %s", rejected.getCommandType(), rejected.getReason());
            case MigrationFinished finished -> report.finished(finished);
            default -> {
                // Other records of the run are not part of the narration.
            }
        }
    }

    private void approve(PhaseStarted request) {
        String environment = request.getEnvironment();
        say(
                "%s waits for approval%s: the demo approves it, as `ferry approve %s --phase %s` would",
                request.getPhase(),
                environment == null ? "" : " (" + environment + ")",
                migrationId,
                request.getPhase());
        approver.approve(request.getPhase(), environment);
    }

    private void say(String format, Object... arguments) {
        out.println(String.format(format, arguments));
    }
}
