package dev.ferry.plan.yaml;

import dev.ferry.plan.action.Restructure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A restructure's rules, checked where they are written: every path stays inside the repository, no two moves end at
 * one path, there is something to do, and each rewrite is a regular expression. What the repository holds (a move's
 * source missing, a destination taken) can only be known when the step runs.
 */
final class RestructureChecks {

    private final Problems problems;

    RestructureChecks(Problems problems) {
        this.problems = problems;
    }

    void check(PhaseDraft phase) {
        YamlMap map = phase.map();
        Map<String, Located<String>> moves = map.scalars(Restructure.MOVES).orElse(Map.of());
        List<Located<String>> deletions = map.strings(Restructure.DELETE).orElse(List.of());
        Map<String, Located<String>> rewrites = map.scalars(Restructure.REWRITE).orElse(Map.of());
        if (moves.isEmpty() && deletions.isEmpty() && rewrites.isEmpty()) {
            map.missing(Restructure.MOVES, "what to change: moves, delete or rewrite (a restructure with none)");
        }
        var destinations = new HashMap<String, String>();
        moves.forEach((from, to) -> {
            insideRepository(from, to);
            insideRepository(to.value(), to);
            String earlier = destinations.putIfAbsent(normalised(to.value()), from);
            if (earlier != null) {
                problems.add(to.node(), to.path(), "moves " + earlier + " and " + from + " both to " + to.value());
            }
        });
        deletions.forEach(path -> insideRepository(path.value(), path));
        rewrites.forEach((regex, replacement) -> {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                problems.add(
                        replacement.node(),
                        replacement.path(),
                        "\"" + regex + "\" is not a regular expression: " + e.getDescription());
            }
        });
    }

    private void insideRepository(String path, Located<?> where) {
        String problem = pathProblem(path);
        if (problem != null) {
            problems.add(where.node(), where.path(), "\"" + path + "\" " + problem);
        }
    }

    private static String pathProblem(String path) {
        if (path.isBlank()) {
            return "is empty; name a file or directory of the repository";
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            return "is absolute; write it relative to the repository's root";
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return "leaves the repository (..)";
            }
            if (segment.equals(".git")) {
                return "is inside .git, which no commit holds";
            }
        }
        return null;
    }

    private static String normalised(String path) {
        return path.replaceAll("/+$", "");
    }
}
