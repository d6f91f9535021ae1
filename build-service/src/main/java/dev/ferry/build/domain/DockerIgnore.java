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
        for (String line : text.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            boolean include = trimmed.startsWith("!");
            String pattern = include ? trimmed.substring(1).strip() : trimmed;
            // Docker cleans each pattern as a path rooted at the context: "/dist", "./dist" and "dist" are the same.
            String normalized = ContextPaths.normalize(pattern, true).substring(1);
            if (!normalized.isEmpty()) {
                rules.add(new Rule(Glob.of(normalized), include));
            }
        }
        return new DockerIgnore(rules);
    }

    /** Whether the build leaves out {@code path} (relative to the context, slash-separated). */
    public boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesItselfOrParent(rule.glob(), path)) {
                excluded = !rule.include();
            }
        }
        return excluded;
    }

    private static boolean matchesItselfOrParent(Glob glob, String path) {
        if (glob.matches(path)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (glob.matches(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }
}
