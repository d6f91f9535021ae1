package dev.ferry.plan.yaml;

import dev.ferry.plan.RepositoryPaths;
import dev.ferry.plan.action.ActionField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One entry of a file list (a scaffold's {@code files}) as written: a file and its template, written in the plan
 * ({@code content}) or read from the source repository ({@code from}); or a directory of a template repository
 * ({@code repository}), whose files are all templates.
 *
 * @param path where the file goes; for a template repository, the directory its files go to (null for the root)
 * @param content null unless the template is written in the plan
 * @param from null unless the template comes from the source
 * @param repository null unless the entry is a template repository's directory
 * @param options a template repository's branch, directory and credentialRef as written
 */
record FileDraft(
        Located<String> path,
        Located<String> content,
        Located<String> from,
        Located<String> repository,
        Map<String, String> options) {

    static final List<String> FIELDS =
            List.of("path", "content", "from", "repository", "branch", "directory", "credentialRef");
    private static final List<String> SOURCES = List.of("content", "from", "repository");
    private static final List<String> REPOSITORY_OPTIONS = List.of("branch", "directory", "credentialRef");

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
                Located<String> earlier = file.repository() != null
                        ? null
                        : seen.putIfAbsent(file.path().value(), file.path());
                if (earlier != null) {
                    entry.problems()
                            .add(
                                    file.path().node(),
                                    file.path().path(),
                                    "duplicate file \"" + file.path().value() + "\" (first at line "
                                            + (earlier.node().getStartMark().getLine() + 1) + ")");
                }
                files.add(file);
            });
        }
        return files;
    }

    /** The settings that carry the entries on the wire, keyed as {@code Scaffold} documents. */
    static void putSettings(String field, List<FileDraft> files, Map<String, String> settings) {
        for (int i = 0; i < files.size(); i++) {
            FileDraft file = files.get(i);
            int n = i + 1;
            if (file.path() != null) {
                settings.put(ActionField.fileKey(field, n, "path"), file.path().value());
            }
            if (file.content() != null) {
                settings.put(
                        ActionField.fileKey(field, n, "content"), file.content().value());
            } else if (file.from() != null) {
                settings.put(ActionField.fileKey(field, n, "from"), file.from().value());
            } else {
                settings.put(
                        ActionField.fileKey(field, n, "repository"),
                        file.repository().value());
                file.options().forEach((key, value) -> settings.put(ActionField.fileKey(field, n, key), value));
            }
        }
    }

    private static Optional<FileDraft> read(YamlMap entry) {
        entry.allowOnly(FIELDS);
        List<String> sources = SOURCES.stream().filter(entry::has).toList();
        if (sources.size() > 1) {
            entry.problems()
                    .add(
                            entry.value(sources.get(1)).orElseThrow(),
                            entry.path(sources.get(1)),
                            "give one of content (the template), from (a template file in the source) or repository"
                                    + " (a template repository's directory), not " + String.join(" and ", sources));
            return Optional.empty();
        }
        if (sources.isEmpty()) {
            entry.missing(
                    "content",
                    "the file's template, from: a template file in the source repository, or repository: a template"
                            + " repository");
            return Optional.empty();
        }
        return sources.getFirst().equals("repository") ? templateDirectory(entry) : file(entry);
    }

    private static Optional<FileDraft> file(YamlMap entry) {
        REPOSITORY_OPTIONS.stream().filter(entry::has).forEach(option -> entry.problems()
                .add(
                        entry.value(option).orElseThrow(),
                        entry.path(option),
                        "only a template repository entry (with repository) has " + option));
        Optional<Located<String>> path = entry.requiredString("path", "where the file goes, e.g. README.md")
                .filter(located -> insideRepository(located, entry));
        Optional<Located<String>> content = entry.string("content");
        Optional<Located<String>> from = entry.string("from").filter(located -> insideRepository(located, entry));
        if (path.isEmpty() || (content.isEmpty() && from.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new FileDraft(path.get(), content.orElse(null), from.orElse(null), null, Map.of()));
    }

    private static Optional<FileDraft> templateDirectory(YamlMap entry) {
        Optional<Located<String>> repository = entry.requiredString("repository", "the template repository's URL")
                .filter(url -> CredentialFreeUrls.check(url, entry.problems()));
        Optional<Located<String>> path = entry.string("path").filter(located -> insideRepository(located, entry));
        Optional<Located<String>> directory =
                entry.string("directory").filter(located -> insideRepository(located, entry));
        if (repository.isEmpty()
                || (entry.has("path") && path.isEmpty())
                || (entry.has("directory") && directory.isEmpty())) {
            return Optional.empty();
        }
        var options = new LinkedHashMap<String, String>();
        REPOSITORY_OPTIONS.forEach(
                option -> entry.string(option).ifPresent(value -> options.put(option, value.value())));
        return Optional.of(new FileDraft(path.orElse(null), null, null, repository.get(), options));
    }

    /** A path relative to the repository's root that stays inside it and is written one way only. */
    private static boolean insideRepository(Located<String> path, YamlMap entry) {
        Optional<String> problem = RepositoryPaths.problem(path.value());
        problem.ifPresent(message -> entry.problems().add(path.node(), path.path(), message));
        return problem.isEmpty();
    }
}
