package dev.ferry.deploy.traffic;

import dev.ferry.deploy.domain.GitOpsWriteBack;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.WriteBacks;
import dev.ferry.deploy.domain.manifest.EditResult;
import dev.ferry.deploy.domain.manifest.RouteWeights;
import java.util.Optional;

/**
 * Route files in GitOps repositories, written through the same write-back (and so the same working copy, lock and
 * push retries) as deploy steps: one commit per weight, never forced.
 */
public final class GitOpsRouteFiles implements RouteFiles {

    private final WriteBacks writeBacks;

    public GitOpsRouteFiles(WriteBacks writeBacks) {
        this.writeBacks = writeBacks;
    }

    @Override
    public int weight(ShiftRequest request) {
        String text = writeBack(request).read(request.file()).orElseThrow(() -> missing(request));
        return RouteWeights.read(request.file(), text, request.route());
    }

    @Override
    public Optional<String> write(ShiftRequest request, int weight) {
        return writeBack(request)
                .commitEdit(
                        request.file(),
                        text -> switch (RouteWeights.write(request.file(), text, request.route(), weight)) {
                            case EditResult.Changed changed -> Optional.of(changed.text());
                            case EditResult.AlreadyCurrent current -> Optional.empty();
                        },
                        message(request, weight));
    }

    private GitOpsWriteBack writeBack(ShiftRequest request) {
        return writeBacks.forTarget(request.target());
    }

    private static StepFailure missing(ShiftRequest request) {
        return new StepFailure(
                StepFailure.Kind.NOT_FOUND,
                false,
                "GitOps file " + request.file() + " does not exist on branch "
                        + request.target().branch()
                        + "; it should hold " + request.route() + " for " + request.service()
                        + ". Check the phase's routeFile");
    }

    private static String message(ShiftRequest request, int weight) {
        String subject = weight == 0
                ? "Shift " + request.service() + "'s traffic back to 0% in " + request.environment()
                : "Shift " + weight + "% of " + request.service() + "'s traffic to it in " + request.environment();
        return subject + " (" + request.where() + ")\n\n"
                + "Ferry-Migration: " + request.migrationId() + "\n"
                + "Ferry-Step: " + request.stepId() + "\n"
                + "Ferry-Weight: " + weight + "\n";
    }
}
