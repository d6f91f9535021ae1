package dev.ferry.plan.yaml;

import dev.ferry.plan.RepositoryPaths;
import dev.ferry.plan.action.ActionField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One entry of a file list (a scaffold's {@code files}) as written: where the file goes, and its template, written in
 * the plan ({@code content}) or read from the source repository ({@code from}).
 *
 * @param content null when the template comes from the source
 * @param from null for a template written in the plan
 */
record FileDraft(Located<String> path, Located<String> content, Located<String> from) {

    static final List<String> FIELDS = List.of("path", "content", "from");

    /** The entries of the list {@code field}, each checked on its own; duplicates are reported at the second. */
    static List<FileDraft> readAll(YamlMap phase, String field) {
        if (!phase.has(field)) {
            return List.of();
        }
        List<YamlMap> entries = phase.maps(field);
        if (entries.isEmpty() && phase.value(field).orElseThrow() instanceof SequenceNode) {
            phase.problems()
                    .add(phase.value(field).orElseThrow(), phase.path(field), "lists no files; give at least one");
        }
        var files = new ArrayList<FileDraft>();
        var seen = new HashMap<String, Located<String>>();
        for (YamlMap entry : entries) {
            read(entry).ifPresent(file -> {
                Located<String> earlier = seen.putIfAbsent(file.path().value(), file.path());
                if (earlier == null) {
                    files.add(file);
                } else {
                    entry.problems()
                            .add(
                                    file.path().node(),
                                    file.path().path(),
                                    "duplicate file \"" + file.path().value() + "\" (first at line "
                                            + (earlier.node().getStartMark().getLine() + 1) + ")");
                }
            });
        }
        return files;
    }

    /** The settings that carry the files on the wire, keyed as {@link ActionField#fileKey} says. */
    static void putSettings(String field, List<FileDraft> files, Map<String, String> settings) {
        for (int i = 0; i < files.size(); i++) {
            FileDraft file = files.get(i);
            settings.put(ActionField.fileKey(field, i + 1, "path"), file.path().value());
            if (file.content() != null) {
                settings.put(
                        ActionField.fileKey(field, i + 1, "content"),
                        file.content().value());
            } else {
                settings.put(
                        ActionField.fileKey(field, i + 1, "from"), file.from().value());
            }
        }
    }

    private static Optional<FileDraft> read(YamlMap entry) {
        entry.allowOnly(FIELDS);
        Optional<Located<String>> path = entry.requiredString("path", "where the file goes, e.g. README.md")
                .filter(located -> insideRepository(located, entry));
        Located<String> content = entry.string("content").orElse(null);
        Located<String> from = entry.string("from")
                .filter(located -> insideRepository(located, entry))
                .orElse(null);
        if (entry.has("content") && entry.has("from")) {
            entry.problems()
                    .add(
                            entry.value("from").orElseThrow(),
                            entry.path("from"),
                            "give either content (the template) or from (a template file in the source), not both");
            return Optional.empty();
        }
        if (!entry.has("content") && !entry.has("from")) {
            entry.missing("content", "the file's template, or from: a template file in the source repository");
            return Optional.empty();
        }
        if (path.isEmpty() || (content == null && from == null)) {
            return Optional.empty();
        }
        return Optional.of(new FileDraft(path.get(), content, from));
    }

    /** A path relative to the repository's root that stays inside it and is written one way only. */
    private static boolean insideRepository(Located<String> path, YamlMap entry) {
        Optional<String> problem = RepositoryPaths.problem(path.value());
        problem.ifPresent(message -> entry.problems().add(path.node(), path.path(), message));
        return problem.isEmpty();
    }
}
