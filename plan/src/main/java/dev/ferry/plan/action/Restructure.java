package dev.ferry.plan.action;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code restructure}: reshapes the plan's source repository in place (repo-service), as seed 004 does before it
 * splits anything: first a backup tag on the branch's head, then one commit that moves files and directories
 * ({@code moves}), deletes some ({@code delete}) and rewrites text with regular expressions ({@code rewrite}, in the
 * files {@code rewriteFiles} selects), pushed with the tag in one atomic push. The repository is one, so the work is
 * done once for the phase and every service's step reports the same commit.
 *
 * <p>On the wire ({@code PhaseStarted.settings}): {@code moves.FROM} (the destination), {@code delete.n} and
 * {@code rewriteFiles.n} (from 1), {@code rewrite.REGEX} (the replacement, with {@code $1} for groups),
 * {@code branch}, {@code backupTag} and {@code pullRequest}. Paths are relative to the repository's root, with
 * {@code /}.
 *
 * <p>With {@code pullRequest: true} the commit goes to a new branch, {@code ferry/<plan>-<phase>}, and, when the
 * repository is on GitHub, a pull request from it into the branch is opened (or the open one found).
 */
public final class Restructure {
    public static final String MOVES = "moves";
    public static final String DELETE = "delete";
    public static final String REWRITE = "rewrite";
    public static final String REWRITE_FILES = "rewriteFiles";
    public static final String BRANCH = "branch";
    public static final String BACKUP_TAG = "backupTag";
    public static final String PULL_REQUEST = "pullRequest";
    public static final String DRY_RUN = "dryRun";

    /** The commit made (or found, when this run's phase made it before). */
    public static final String RESTRUCTURE_COMMIT = "restructureCommit";
    /** The tag pushed on the head before the change, and the commit it names: what an emergency rollback restores. */
    public static final String BACKUP_TAG_OUTPUT = "backupTag";

    public static final String BACKUP_COMMIT = "backupCommit";
    /** How many files the moves renamed. */
    public static final String FILES_MOVED = "filesMoved";
    /** How many lines the rewrite rules changed, over all files. */
    public static final String LINES_REWRITTEN = "linesRewritten";

    /** With {@code pullRequest}: the branch the commit was pushed to. */
    public static final String PROPOSAL_BRANCH = "proposalBranch";
    /** With {@code pullRequest}: the pull request's page on GitHub; empty when none was opened. */
    public static final String PULL_REQUEST_URL = "pullRequestUrl";
    /**
     * With {@code dryRun}: what the commit would do, one line per file: each move ({@code move app/main.py ->
     * backend/app/main.py}) and each file a rule changes with the lines per rule ({@code rewrite backend/app/main.py:
     * 'from app\.' 3}).
     */
    public static final String PREVIEW = "preview";

    /** With {@code pullRequest}: whether the pull request was opened, found open, or why none was opened. */
    public static final String PULL_REQUEST_NOTE = "pullRequestNote";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    static final Action ACTION = Action.named(
                    "restructure",
                    "moves, deletes and rewrites files of the source repository in one commit, after a backup tag")
            .fields(
                    ActionField.optional(
                            MOVES,
                            ActionField.Type.TEXT_MAP,
                            "files or directories to move, each path to its new path (app: backend/app)"),
                    ActionField.optional(DELETE, ActionField.Type.STRING_LIST, "files or directories to delete"),
                    ActionField.optional(
                            REWRITE,
                            ActionField.Type.TEXT_MAP,
                            "text rewrites, each a regular expression to its replacement ($1 for a group), applied"
                                    + " line by line after the moves ('^from app\\.': 'from backend.app.')"),
                    ActionField.optional(
                            REWRITE_FILES,
                            ActionField.Type.STRING_LIST,
                            "globs of the files the rewrites apply to, after the moves (**/*.py); default every"
                                    + " text file"),
                    ActionField.optional(
                            BRANCH, ActionField.Type.TEXT, "the branch to change; default the source's branch"),
                    ActionField.optional(
                            BACKUP_TAG,
                            ActionField.Type.TEXT,
                            "the tag pushed on the branch's head first; default backup-before-{plan}-{date}"),
                    ActionField.optional(
                            PULL_REQUEST,
                            ActionField.Type.BOOLEAN,
                            "push the commit to a new branch ferry/{plan}-{phase} and, on GitHub, open a pull request"
                                    + " into the branch; default false (the branch itself is changed)"),
                    ActionField.optional(
                            DRY_RUN,
                            ActionField.Type.BOOLEAN,
                            "change nothing: report every file move and the lines each rule would change in each"
                                    + " file (output preview); default false"))
            .requires(Requirement.SOURCE, Requirement.RESTRUCTURE_RULES)
            .outputs(
                    RESTRUCTURE_COMMIT,
                    BACKUP_TAG_OUTPUT,
                    BACKUP_COMMIT,
                    FILES_MOVED,
                    LINES_REWRITTEN,
                    PROPOSAL_BRANCH,
                    PULL_REQUEST_URL,
                    PULL_REQUEST_NOTE,
                    PREVIEW)
            .timeout(Duration.ofMinutes(30))
            .describedAs(Restructure::describe);

    private Restructure() {}

    /** Each move's source path to its destination, sorted by source. */
    public static SortedMap<String, String> moves(Map<String, String> settings) {
        return ActionField.entries(settings, MOVES);
    }

    public static List<String> deletions(Map<String, String> settings) {
        return ActionField.items(settings, DELETE);
    }

    /** Each rewrite's regular expression to its replacement, sorted by expression. */
    public static SortedMap<String, String> rewrites(Map<String, String> settings) {
        return ActionField.entries(settings, REWRITE);
    }

    public static List<String> rewriteFiles(Map<String, String> settings) {
        return ActionField.items(settings, REWRITE_FILES);
    }

    public static boolean dryRun(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get(DRY_RUN));
    }

    public static boolean opensPullRequest(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get(PULL_REQUEST));
    }

    /** The branch a {@code pullRequest} restructure pushes its commit to. */
    public static String proposalBranch(String plan, String phase) {
        return "ferry/" + plan + "-" + phase;
    }

    /** The backup tag's name: the plan's, or {@code backup-before-PLAN-YYYYMMDD} for the day the phase started. */
    public static String backupTag(Map<String, String> settings, String plan, LocalDate day) {
        String named = settings.get(BACKUP_TAG);
        return named != null && !named.isBlank() ? named : "backup-before-" + plan + "-" + DAY.format(day);
    }

    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        var parts = new ArrayList<String>();
        moves(settings).forEach((from, to) -> parts.add("move " + from + " -> " + to));
        deletions(settings).forEach(path -> parts.add("delete " + path));
        if (!rewrites(settings).isEmpty()) {
            parts.add(rewrites(settings).size() + " rewrite rule(s) in "
                    + (rewriteFiles(settings).isEmpty()
                            ? "every text file"
                            : String.join(", ", rewriteFiles(settings))));
        }
        String branch = settings.getOrDefault(BRANCH, step.plan().source().branch());
        String where = opensPullRequest(settings)
                ? " in one commit on "
                        + proposalBranch(step.plan().name(), step.phase().name()) + " with a pull request into "
                        + branch + ", after tag "
                : " on " + branch + " in one commit, after tag ";
        return (dryRun(settings) ? "dry run (nothing pushed): " : "") + "restructure "
                + step.plan().source().repository() + where
                + settings.getOrDefault(
                        BACKUP_TAG, "backup-before-" + step.plan().name() + "-<date>") + ": "
                + String.join("; ", parts);
    }
}
