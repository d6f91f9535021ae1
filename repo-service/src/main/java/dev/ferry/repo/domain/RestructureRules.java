package dev.ferry.repo.domain;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * What a {@code restructure} does to a repository's files, as pure rules over paths and text: moves (a file or a
 * whole directory to a new path), deletions, and line-by-line rewrites in the files the globs select. Every problem
 * is found before anything is written, so a bad rule leaves the repository as it was.
 */
public final class RestructureRules {

    private final SortedMap<String, String> moves;
    private final List<String> deletions;
    private final Map<Pattern, String> rewrites = new LinkedHashMap<>();
    private final List<PathMatcher> rewriteFiles = new ArrayList<>();

    public RestructureRules(
            SortedMap<String, String> moves,
            List<String> deletions,
            SortedMap<String, String> rewrites,
            List<String> rewriteFiles) {
        this.moves = moves;
        this.deletions = deletions;
        rewrites.forEach((regex, replacement) -> this.rewrites.put(Pattern.compile(regex), replacement));
        for (String glob : rewriteFiles) {
            this.rewriteFiles.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            // "**/*.py" also means the files at the root, as in .gitignore.
            if (glob.startsWith("**/")) {
                this.rewriteFiles.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
            }
        }
    }

    /**
     * Where each path of {@code paths} goes: its new path, or absent from the result when deleted.
     *
     * @throws SplitFailure INVALID_REQUEST naming the rule, when a move or deletion names nothing in the repository or
     *     a move lands on a path that is there already
     */
    public Map<String, String> newPaths(List<String> paths, String where) {
        for (String from : moves.keySet()) {
            requirePresent(paths, from, "move " + from + " -> " + moves.get(from), where);
        }
        for (String deleted : deletions) {
            requirePresent(paths, deleted, "delete " + deleted, where);
        }
        var result = new LinkedHashMap<String, String>();
        for (String path : paths) {
            if (deletions.stream().anyMatch(deleted -> under(path, deleted))) {
                continue;
            }
            result.put(path, moved(path));
        }
        var taken = new LinkedHashMap<String, String>();
        result.forEach((from, to) -> {
            String other = taken.putIfAbsent(to, from);
            if (other != null) {
                String mover = from.equals(to) ? other : from;
                String occupant = from.equals(to) ? from : other;
                throw new SplitFailure(
                        SplitFailure.Kind.INVALID_REQUEST,
                        "moving " + mover + " to " + to + " would overwrite "
                                + (occupant.equals(to)
                                        ? to + ", which is there already"
                                        : occupant + ", moved there too")
                                + ", in " + where + "; nothing was changed");
            }
        });
        return result;
    }

    private String moved(String path) {
        for (var move : moves.entrySet()) {
            String from = strip(move.getKey());
            if (under(path, from)) {
                String rest = path.substring(from.length());
                return strip(move.getValue()) + rest;
            }
        }
        return path;
    }

    /** Whether the rewrites apply to the file at {@code path} (its path after the moves). */
    public boolean rewrites(String path) {
        if (rewrites.isEmpty()) {
            return false;
        }
        if (rewriteFiles.isEmpty()) {
            return true;
        }
        Path asPath = Path.of(path);
        return rewriteFiles.stream().anyMatch(matcher -> matcher.matches(asPath));
    }

    /**
     * The text with every rule applied to each line, how many lines changed, and how many lines each rule changed
     * (by its expression, every rule listed); empty when none did.
     */
    public Optional<Rewritten> rewrite(String text) {
        String[] lines = text.split("\n", -1);
        int changed = 0;
        Map<String, Integer> byRule = noLinesByRule();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (var rule : rewrites.entrySet()) {
                String replaced = rule.getKey().matcher(line).replaceAll(rule.getValue());
                if (!replaced.equals(line)) {
                    byRule.merge(rule.getKey().pattern(), 1, Integer::sum);
                }
                line = replaced;
            }
            if (!line.equals(lines[i])) {
                lines[i] = line;
                changed++;
            }
        }
        return changed == 0 ? Optional.empty() : Optional.of(new Rewritten(String.join("\n", lines), changed, byRule));
    }

    /** Each rule's expression, in the order the rules apply, with no line changed yet. */
    public Map<String, Integer> noLinesByRule() {
        var byRule = new LinkedHashMap<String, Integer>();
        rewrites.keySet().forEach(rule -> byRule.put(rule.pattern(), 0));
        return byRule;
    }

    /** Whether any rule would match somewhere in {@code text} (a binary file's bytes read as text). */
    public boolean anyRuleMatches(String text) {
        return rewrites.keySet().stream().anyMatch(rule -> rule.matcher(text).find());
    }

    public record Rewritten(String text, int linesChanged, Map<String, Integer> linesByRule) {}

    private static void requirePresent(List<String> paths, String rulePath, String rule, String where) {
        String path = strip(rulePath);
        if (paths.stream().noneMatch(existing -> under(existing, path))) {
            throw new SplitFailure(
                    SplitFailure.Kind.INVALID_REQUEST,
                    rule + ": " + path + " is not in " + where + "; nothing was changed");
        }
    }

    /** Whether {@code path} is {@code prefix} itself or inside it as a directory. */
    private static boolean under(String path, String prefix) {
        String p = strip(prefix);
        return path.equals(p) || path.startsWith(p + "/");
    }

    private static String strip(String path) {
        String stripped = path.startsWith("./") ? path.substring(2) : path;
        return stripped.replaceAll("/+$", "");
    }
}
