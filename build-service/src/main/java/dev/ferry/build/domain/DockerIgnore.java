package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a {@code .dockerignore} file: which context paths the build does not see. As in Docker, the last
 * matching rule wins, {@code !} re-includes, and a rule matching a directory covers everything under it.
 */
public final class DockerIgnore {

    private record Rule(Glob glob, boolean include) {}

    private static final DockerIgnore NONE = new DockerIgnore(List.of());

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No file is ignored. */
    public static DockerIgnore none() {
        return NONE;
    }

    /** Reads the rules from the file's text; blank lines and {@code #} comments are skipped. */
    public static DockerIgnore parse(String text) {
        var rules = new ArrayList<Rule>();
        String[] lines = text.split("\r?\n");
        for (int number = 1; number <= lines.length; number++) {
            String trimmed = lines[number - 1].strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            boolean include = trimmed.startsWith("!");
            String pattern = include ? trimmed.substring(1).strip() : trimmed;
            // Docker cleans each pattern as a path rooted at the context: "/dist", "./dist" and "dist" are the same.
            String normalized = ContextPaths.normalize(pattern, true).substring(1);
            if (!normalized.isEmpty()) {
                rules.add(new Rule(glob(normalized, number), include));
            }
        }
        return new DockerIgnore(rules);
    }

    private static Glob glob(String pattern, int line) {
        try {
            return Glob.of(pattern);
        } catch (IllegalArgumentException malformed) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT, BuildPlanner.DOCKERIGNORE + ":" + line + ": " + malformed.getMessage());
        }
    }

    /** Whether the build leaves out {@code path} (relative to the context, slash-separated). */
    public boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (rule.glob().matchesItselfOrParent(path)) {
                excluded = !rule.include();
            }
        }
        return excluded;
    }
}
