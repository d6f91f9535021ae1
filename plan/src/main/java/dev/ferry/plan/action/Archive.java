package dev.ferry.plan.action;

import java.time.Duration;

/** {@code archive}: cutover; the source repository's README says where each service went (repo-service). */
final class Archive {
    static final Action ACTION = Action.named(
                    "archive", "makes the source repository read-only once every service has moved")
            .requires(Requirement.SOURCE)
            .outputs("noticeCommit")
            .timeout(Duration.ofMinutes(30))
            .describedAs(step -> "archive " + step.plan().source().repository() + " (made read-only)");

    private Archive() {}
}
