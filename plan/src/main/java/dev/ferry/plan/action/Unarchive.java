package dev.ferry.plan.action;

import java.time.Duration;

/**
 * {@code unarchive}: the cutover's rollback (repo-service). The source repository is made writable again on GitHub
 * (archived set to false) and the archive notice commit on its branch is reverted by a new commit, pushed fast-forward,
 * so the history keeps both. Run on demand, like a {@code rollback}.
 */
public final class Unarchive {
    /** The commit that reverted the notice; empty when the branch held no notice (nothing to revert). */
    public static final String REVERT_COMMIT = "revertCommit";
    /** Whether the repository was un-archived on GitHub ({@code false} when it is not on a GitHub host). */
    public static final String UNARCHIVED_ON_HOST = "unarchivedOnHost";

    static final Action ACTION = Action.named(
                    "unarchive",
                    "makes the archived source repository writable again and reverts its archive notice (the"
                            + " cutover's rollback)")
            .requires(Requirement.SOURCE)
            .outputs(REVERT_COMMIT, UNARCHIVED_ON_HOST)
            .timeout(Duration.ofMinutes(30))
            .describedAs(step -> "unarchive " + step.plan().source().repository() + " and revert its archive notice on "
                    + step.plan().source().branch());

    private Unarchive() {}
}
