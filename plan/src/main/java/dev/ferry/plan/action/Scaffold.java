package dev.ferry.plan.action;

import dev.ferry.plan.Placeholder;
import dev.ferry.plan.TargetRepositoryDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code scaffold}: commits files made from templates into each service's own repository (repo-service), such as a CI
 * workflow, a README and CODEOWNERS right after the split.
 *
 * <p>The plan writes {@code files} as a list of mappings; on the wire ({@code PhaseStarted.settings}, a map of strings)
 * the {@code n}th entry (from 1, in the plan's order) is one of:
 *
 * <ul>
 *   <li>a template written in the plan: {@code files.n.path} (where the file goes in the service's repository,
 *       relative and normalised) and {@code files.n.content};
 *   <li>a template file in the source repository, read at the run's source commit: {@code files.n.path} and
 *       {@code files.n.from} (its path in the source);
 *   <li>every file under a directory of a template repository, each a template, at the same relative paths:
 *       {@code files.n.repository} (clone URL), {@code files.n.branch} (default {@code main}),
 *       {@code files.n.directory} (default the whole repository), {@code files.n.credentialRef} (the token's name, for a
 *       private one) and {@code files.n.path} (the directory they go to, default the root).
 * </ul>
 *
 * A later entry for the same path wins.
 * {@code overwrite} is {@code true} to replace files people changed since Ferry wrote them; absent, they are left alone
 * and reported. Templates name {@code {service}}, {@code {registry}}, {@code {image-repository}},
 * {@code {gitops-repository}}, {@code {port}} and the service's parameters by name ({@code {team}}); see
 * {@link #values}. Other braces are text ({@code ${{ secrets.X }}}, {@code ${VAR}}, JSON).
 */
public final class Scaffold {
    /** The phase field listing the files. */
    public static final String FILES = "files";
    /** The phase field that lets Ferry replace files people changed. */
    public static final String OVERWRITE = "overwrite";
    /** The commit made, absent when every file already had its content or was left. */
    public static final String SCAFFOLD_COMMIT = "scaffoldCommit";
    /**
     * The default branch's head after this step, whether or not it committed: the commit the repository's own CI
     * builds next, so a later build phase builds (or waits for a workflow run on) this commit rather than the split's.
     */
    public static final String HEAD_COMMIT = "headCommit";
    /** The paths written by this step, comma-separated; empty when none. */
    public static final String FILES_WRITTEN = "filesWritten";
    /** The paths left alone because a person changed them, comma-separated; empty when none. */
    public static final String FILES_LEFT = "filesLeft";
    /** The service parameter that carries the plan's GitOps repository to workers that have no environment. */
    public static final String GITOPS_REPOSITORY_PARAMETER = "gitops.repository";

    static final Action ACTION = Action.named(
                    "scaffold",
                    "commits files made from templates (CI workflow, README, CODEOWNERS) into each"
                            + " service's repository")
            .fields(
                    ActionField.required(
                            FILES,
                            ActionField.Type.FILE_LIST,
                            "the files to write, each a path with content (a template) or from (a template file in"
                                    + " the source repository), or a template repository's directory"),
                    ActionField.optional(
                            OVERWRITE,
                            ActionField.Type.BOOLEAN,
                            "replace files people changed since Ferry wrote them; default false (left and reported)"))
            .requires(Requirement.TARGET_REPOSITORY, Requirement.FILE_TEMPLATES)
            .outputs(SCAFFOLD_COMMIT, HEAD_COMMIT, FILES_WRITTEN, FILES_LEFT)
            .describedAs(Scaffold::describe);

    /** One entry of the file list: where its files go and where their templates come from. */
    public sealed interface Entry permits Inline, SourceFile, TemplateDirectory {
        /** The file's path in the service's repository; for a template directory, the directory its files go to. */
        String path();
    }

    /** A file whose template is written in the plan. */
    public record Inline(String path, String content) implements Entry {}

    /** A file whose template is a file of the source repository, at the run's source commit. */
    public record SourceFile(String path, String from) implements Entry {}

    /**
     * Every file under {@code directory} of a template repository's {@code branch}, each a template.
     *
     * @param path the directory of the service's repository they go to; empty for its root
     * @param directory the directory of the template repository; empty for all of it
     * @param credentialRef the name of the token for a private template repository, or null
     */
    public record TemplateDirectory(
            String path, String repository, String branch, String directory, String credentialRef) implements Entry {}

    private Scaffold() {}

    /** The entries of a scaffold phase's settings, in the plan's order. */
    public static List<Entry> files(Map<String, String> settings) {
        var entries = new ArrayList<Entry>();
        for (int n = 1; ; n++) {
            String path = settings.get(ActionField.fileKey(FILES, n, "path"));
            String repository = settings.get(ActionField.fileKey(FILES, n, "repository"));
            if (repository != null) {
                entries.add(new TemplateDirectory(
                        path == null ? "" : path,
                        repository,
                        settings.getOrDefault(ActionField.fileKey(FILES, n, "branch"), "main"),
                        settings.getOrDefault(ActionField.fileKey(FILES, n, "directory"), ""),
                        settings.get(ActionField.fileKey(FILES, n, "credentialRef"))));
            } else if (path == null) {
                return entries;
            } else if (settings.containsKey(ActionField.fileKey(FILES, n, "from"))) {
                entries.add(new SourceFile(path, settings.get(ActionField.fileKey(FILES, n, "from"))));
            } else {
                entries.add(new Inline(path, settings.getOrDefault(ActionField.fileKey(FILES, n, "content"), "")));
            }
        }
    }

    public static boolean overwrites(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get(OVERWRITE));
    }

    /**
     * What the placeholders of a service's templates stand for: its parameters by name, then the named values, which
     * win over a parameter of the same name.
     *
     * @param registry the image's registry host, or null
     * @param imageRepository the image repository, or null
     * @param parameters the service's parameters, with {@code port} and {@value #GITOPS_REPOSITORY_PARAMETER} when known
     */
    public static Map<String, String> values(
            String service, String registry, String imageRepository, Map<String, String> parameters) {
        var values = new LinkedHashMap<>(parameters);
        put(values, Placeholder.SERVICE, service);
        put(values, Placeholder.REGISTRY, registry);
        put(values, Placeholder.IMAGE_REPOSITORY, imageRepository);
        put(values, Placeholder.GITOPS_REPOSITORY, parameters.get(GITOPS_REPOSITORY_PARAMETER));
        put(values, Placeholder.PORT, parameters.get("port"));
        return values;
    }

    private static void put(Map<String, String> values, Placeholder placeholder, String value) {
        String name = placeholder.written().substring(1, placeholder.written().length() - 1);
        if (value != null && !value.isEmpty()) {
            values.put(name, value);
        } else {
            values.remove(name);
        }
    }

    /** The files and where they go; the dry run cannot read the repository, so it says the rule instead. */
    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        TargetRepositoryDefinition target = step.service().target();
        String files = files(settings).stream().map(Scaffold::describe).collect(Collectors.joining(", "));
        String where =
                target == null ? "" : " into " + target.repository() + " (branch " + target.defaultBranch() + ")";
        return "write " + files + where + "; each written if missing or unchanged since Ferry wrote it"
                + (overwrites(settings) ? ", else overwritten" : ", else left and reported");
    }

    private static String describe(Entry entry) {
        return switch (entry) {
            case Inline inline -> inline.path();
            case SourceFile file -> file.path() + " (from " + file.from() + ")";
            case TemplateDirectory directory ->
                "every file of " + (directory.directory().isEmpty() ? "" : directory.directory() + " in ")
                        + directory.repository() + " (branch " + directory.branch() + ")"
                        + (directory.path().isEmpty() ? "" : " under " + directory.path());
        };
    }
}
