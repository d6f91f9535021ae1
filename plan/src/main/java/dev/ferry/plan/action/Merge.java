package dev.ferry.plan.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code merge}: several repositories into the plan's source repository, a monorepo, each under its own directory with
 * its history (repo-service). Each repository's branch is rewritten exactly as {@code git filter-repo
 * --to-subdirectory-filter <directory>} rewrites it (same commit ids), then joined to the monorepo's branch by one merge
 * commit per repository, or by one octopus merge with {@code octopus: true}. A directory that already exists in the
 * monorepo refuses the phase before anything is pushed.
 *
 * <p>On the wire: {@code repositories.n} (from 1), each {@code URL[#branch] -> directory}; {@code branch},
 * {@code octopus} and {@code prefixTags}.
 */
public final class Merge {
    public static final String REPOSITORIES = "repositories";
    public static final String BRANCH = "branch";
    public static final String OCTOPUS = "octopus";
    public static final String PREFIX_TAGS = "prefixTags";

    /** The monorepo's branch head after the merge. */
    public static final String MERGE_COMMIT = "mergeCommit";
    /** Each directory with the rewritten head of the repository merged into it, {@code dir=sha}, comma-separated. */
    public static final String REWRITTEN_HEADS = "rewrittenHeads";
    /** How many tags were carried over, renamed {@code <directory>/<tag>}. */
    public static final String TAGS_CARRIED = "tagsCarried";

    static final Action ACTION = Action.named(
                    "merge",
                    "brings other repositories, with their history, into the source repository, each under its own"
                            + " directory")
            .fields(
                    ActionField.required(
                            REPOSITORIES,
                            ActionField.Type.STRING_LIST,
                            "each repository and the directory it goes to: URL[#branch] -> directory"
                                    + " (https://github.com/acme/api.git -> services/api); default branch main"),
                    ActionField.optional(
                            BRANCH, ActionField.Type.TEXT, "the monorepo's branch; default the source's branch"),
                    ActionField.optional(
                            OCTOPUS,
                            ActionField.Type.BOOLEAN,
                            "join every repository in one octopus merge commit; default false (one merge commit per"
                                    + " repository, in the listed order)"),
                    ActionField.optional(
                            PREFIX_TAGS,
                            ActionField.Type.BOOLEAN,
                            "carry each repository's tags on its branch, renamed <directory>/<tag>; default false (no"
                                    + " tags)"))
            .requires(Requirement.SOURCE, Requirement.MERGE_REPOSITORIES)
            .outputs(MERGE_COMMIT, REWRITTEN_HEADS, TAGS_CARRIED)
            .timeout(Duration.ofHours(1))
            .describedAs(Merge::describe);

    private Merge() {}

    /** One entry of {@code repositories}: the repository's URL, its branch, and its directory in the monorepo. */
    public record Incoming(String repository, String branch, String directory) {

        private static final String ARROW = "->";

        /** Reads {@code URL[#branch] -> directory}; throws a message naming the entry when it is not that. */
        public static Incoming parse(String written) {
            int arrow = written.lastIndexOf(ARROW);
            if (arrow < 0) {
                throw new IllegalArgumentException("repository \"" + written + "\" has no directory: write"
                        + " URL[#branch] -> directory, e.g. https://github.com/acme/api.git -> services/api");
            }
            String url = written.substring(0, arrow).strip();
            String directory = written.substring(arrow + ARROW.length()).strip();
            while (directory.endsWith("/") && directory.length() > 1) {
                directory = directory.substring(0, directory.length() - 1);
            }
            int hash = url.lastIndexOf('#');
            String branch = hash < 0 ? "main" : url.substring(hash + 1).strip();
            String repository = hash < 0 ? url : url.substring(0, hash).strip();
            if (repository.isEmpty() || branch.isEmpty()) {
                throw new IllegalArgumentException("repository \"" + written + "\" names no "
                        + (repository.isEmpty() ? "repository" : "branch after #"));
            }
            String path = directory;
            dev.ferry.plan.ServicePath.problem(path).ifPresent(problem -> {
                throw new IllegalArgumentException("directory \"" + path + "\" of " + repository + " " + problem);
            });
            return new Incoming(repository, branch, directory);
        }
    }

    public static List<Incoming> repositories(Map<String, String> settings) {
        return ActionField.items(settings, REPOSITORIES).stream()
                .map(Incoming::parse)
                .toList();
    }

    public static boolean octopus(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get(OCTOPUS));
    }

    public static boolean prefixesTags(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get(PREFIX_TAGS));
    }

    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        String branch = settings.getOrDefault(BRANCH, step.plan().source().branch());
        var parts = ActionField.items(settings, REPOSITORIES);
        return "merge into " + step.plan().source().repository() + " (branch " + branch + "), "
                + (octopus(settings) ? "in one octopus merge" : "one merge commit each")
                + (prefixesTags(settings) ? ", tags renamed <directory>/<tag>" : "") + ": " + String.join("; ", parts);
    }
}
