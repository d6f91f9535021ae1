package dev.ferry.plan.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code restore}: the emergency rollback of a {@code restructure} (repo-service): a branch of the source repository put
 * back on its backup tag. Commits pushed after the tag by anyone but Ferry would be lost, so they refuse the step
 * (listed) unless the plan says {@code force: true}. With {@code mode: revert} the branch is not moved: one commit on
 * its head puts the tree back to the tag's, keeping the history, and is pushed fast-forward. On the wire:
 * {@code backupTag}, {@code branch}, {@code force}, {@code mode}.
 */
public final class Restore {
    public static final String BACKUP_TAG = "backupTag";
    public static final String BRANCH = "branch";
    public static final String FORCE = "force";
    public static final String MODE = "mode";

    /** The modes: {@code move} the branch back onto the tag, or {@code revert} everything since in one new commit. */
    public static final String MOVE = "move";

    public static final String REVERT = "revert";

    /** The commit the branch is on afterwards: the one the backup tag names. */
    public static final String RESTORED_COMMIT = "restoredCommit";
    /** The commits the branch no longer has, newest first, comma-separated; empty when it was on the tag already. */
    public static final String COMMITS_DROPPED = "commitsDropped";
    /** In {@code revert} mode, the commits the revert commit undid, newest first, comma-separated. */
    public static final String COMMITS_REVERTED = "commitsReverted";

    private static final ActionField MODE_FIELD = ActionField.choice(
            MODE,
            List.of(MOVE, REVERT),
            "move (the branch put back on the tag, the commits after it dropped) or revert (one commit on the head"
                    + " that puts the tree back to the tag's, keeping the history; pushed fast-forward)");

    static final Action ACTION = Action.named(
                    "restore", "puts a branch of the source repository back on a backup tag (a restructure's rollback)")
            .fields(
                    ActionField.required(
                            BACKUP_TAG,
                            ActionField.Type.TEXT,
                            "the tag to go back to, as the restructure reported it (backup-before-iot-monorepo-20261205)"),
                    ActionField.optional(
                            BRANCH, ActionField.Type.TEXT, "the branch to put back; default the source's branch"),
                    ActionField.optional(
                            FORCE,
                            ActionField.Type.BOOLEAN,
                            "also drop (or revert) commits people pushed after the tag; default false (the step"
                                    + " fails listing them)"),
                    MODE_FIELD)
            .requires(Requirement.SOURCE)
            .outputs(RESTORED_COMMIT, COMMITS_DROPPED, COMMITS_REVERTED)
            .timeout(Duration.ofMinutes(10))
            .describedAs(Restore::describe);

    private Restore() {}

    public static boolean forces(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get(FORCE));
    }

    /** Whether the restore reverts in a new commit rather than moving the branch. */
    public static boolean reverts(Map<String, String> settings) {
        return REVERT.equals(MODE_FIELD.chosen(settings));
    }

    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        if (reverts(settings)) {
            return "revert "
                    + settings.getOrDefault(BRANCH, step.plan().source().branch()) + " of "
                    + step.plan().source().repository() + " to the tree of tag " + settings.get(BACKUP_TAG)
                    + " in one new commit"
                    + (forces(settings)
                            ? ", people's commits after it included"
                            : ", unless people pushed after Ferry");
        }
        return "put " + settings.getOrDefault(BRANCH, step.plan().source().branch()) + " of "
                + step.plan().source().repository() + " back on tag " + settings.get(BACKUP_TAG)
                + (forces(settings) ? ", dropping every commit after it" : ", unless people pushed after Ferry");
    }
}
