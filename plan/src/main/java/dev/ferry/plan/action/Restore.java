package dev.ferry.plan.action;

import java.time.Duration;
import java.util.Map;

/**
 * {@code restore}: the emergency rollback of a {@code restructure} (repo-service): a branch of the source repository put
 * back on its backup tag. Commits pushed after the tag by anyone but Ferry would be lost, so they refuse the step
 * (listed) unless the plan says {@code force: true}. On the wire: {@code backupTag}, {@code branch}, {@code force}.
 */
public final class Restore {
    public static final String BACKUP_TAG = "backupTag";
    public static final String BRANCH = "branch";
    public static final String FORCE = "force";

    /** The commit the branch is on afterwards: the one the backup tag names. */
    public static final String RESTORED_COMMIT = "restoredCommit";
    /** The commits the branch no longer has, newest first, comma-separated; empty when it was on the tag already. */
    public static final String COMMITS_DROPPED = "commitsDropped";

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
                            "also drop commits people pushed after the tag; default false (the step fails listing"
                                    + " them)"))
            .requires(Requirement.SOURCE)
            .outputs(RESTORED_COMMIT, COMMITS_DROPPED)
            .timeout(Duration.ofMinutes(10))
            .describedAs(Restore::describe);

    private Restore() {}

    public static boolean forces(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get(FORCE));
    }

    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        return "put " + settings.getOrDefault(BRANCH, step.plan().source().branch()) + " of "
                + step.plan().source().repository() + " back on tag " + settings.get(BACKUP_TAG)
                + (forces(settings) ? ", dropping every commit after it" : ", unless people pushed after Ferry");
    }
}
