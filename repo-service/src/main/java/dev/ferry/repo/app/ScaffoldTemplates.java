package dev.ferry.repo.app;

import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.plan.RepositoryPaths;
import dev.ferry.plan.TemplateText;
import dev.ferry.plan.TemplateText.FilePlaceholder;
import dev.ferry.plan.action.Scaffold;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Repository;

/**
 * One service's files of a scaffold phase, made from their templates: written in the plan, or read from the source
 * repository at the run's source commit; every placeholder filled with the service's values. A template the plan could
 * not check (one in the source) and that names a placeholder without a value is refused, not written half filled.
 */
final class ScaffoldTemplates {

    /** A template that cannot be filled for this service; only a change to the plan or the template helps. */
    static final class TemplateProblem extends RuntimeException {
        TemplateProblem(String message) {
            super(message);
        }
    }

    private final SourceWorkspace workspace;
    private final ServiceWork service;
    private final Map<String, String> values;

    ScaffoldTemplates(SourceWorkspace workspace, ServiceWork service) {
        this.workspace = workspace;
        this.service = service;
        this.values = ScaffoldPhase.values(service);
    }

    /** Each file's content by its path, in the plan's order. */
    Map<String, byte[]> render(Map<String, String> settings) {
        var files = new LinkedHashMap<String, byte[]>();
        for (Scaffold.File file : Scaffold.files(settings)) {
            checkPath(file.path(), "path");
            String template = file.from() == null ? file.content() : fromSource(file);
            files.put(file.path(), fill(file, template).getBytes(StandardCharsets.UTF_8));
        }
        if (files.isEmpty()) {
            throw new TemplateProblem("the scaffold phase lists no files");
        }
        return files;
    }

    private String fromSource(Scaffold.File file) {
        checkPath(file.from(), "from");
        SourceSpec source = service.getSource();
        GitRemote remote = GitRemote.of(source.getRepository(), workspace.sourceToken(service));
        try (Repository mirror = workspace.mirror(remote, source.getBranch())) {
            Optional<byte[]> bytes =
                    RepositoryFiles.read(mirror, remote, source.getBranch(), source.getCommit(), file.from());
            return new String(
                    bytes.orElseThrow(() -> new SplitFailure(
                            SplitFailure.Kind.PATH_ABSENT_AT_HEAD,
                            "template " + file.from() + " (from of " + file.path() + ") is not in " + remote.redacted()
                                    + " at " + (source.getCommit() != null ? source.getCommit() : source.getBranch())
                                    + "; add it there or correct the plan")),
                    StandardCharsets.UTF_8);
        }
    }

    private String fill(Scaffold.File file, String template) {
        for (FilePlaceholder placeholder : TemplateText.inFile(template)) {
            if (!values.containsKey(placeholder.name())) {
                String where = file.from() == null ? "the template of " + file.path() : "template " + file.from();
                throw new TemplateProblem(where + " has an unknown placeholder {" + placeholder.name() + "} on line "
                        + line(template, placeholder.offset()) + " for service " + service.getService()
                        + "; usable: {" + String.join("} {", new TreeSet<>(values.keySet())) + "}");
            }
        }
        return TemplateText.fillFile(template, values);
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static void checkPath(String path, String field) {
        RepositoryPaths.problem(path).ifPresent(problem -> {
            throw new TemplateProblem("the file's " + field + " " + problem);
        });
    }
}
