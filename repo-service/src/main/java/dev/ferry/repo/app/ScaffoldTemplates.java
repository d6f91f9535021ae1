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
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Repository;

/**
 * One service's files of a scaffold phase, made from their templates: written in the plan, read from the source
 * repository at the run's source commit, or every file of a template repository's directory; every placeholder filled
 * with the service's values. A template the plan could not check (one read at run time) that names a placeholder
 * without a value is refused, not written half filled. Binary files (git's test: a NUL byte) are copied as they are.
 */
final class ScaffoldTemplates {

    /** A template that cannot be filled for this service; only a change to the plan or the template helps. */
    static final class TemplateProblem extends RuntimeException {
        TemplateProblem(String message) {
            super(message);
        }
    }

    private final SourceWorkspace workspace;
    private final CredentialStore credentials;
    private final ServiceWork service;
    private final Map<String, String> values;

    ScaffoldTemplates(SourceWorkspace workspace, CredentialStore credentials, ServiceWork service) {
        this.workspace = workspace;
        this.credentials = credentials;
        this.service = service;
        this.values = ScaffoldPhase.values(service);
    }

    /** Each file's content by its path, in the plan's order; a later entry for the same path wins. */
    Map<String, byte[]> render(Map<String, String> settings) {
        var files = new LinkedHashMap<String, byte[]>();
        for (Scaffold.Entry entry : Scaffold.files(settings)) {
            switch (entry) {
                case Scaffold.Inline inline ->
                    put(files, inline.path(), "the template of " + inline.path(), bytes(inline.content()));
                case Scaffold.SourceFile file -> put(files, file.path(), "template " + file.from(), fromSource(file));
                case Scaffold.TemplateDirectory directory ->
                    fromTemplateRepository(directory)
                            .forEach((relative, bytes) -> put(
                                    files,
                                    directory.path().isEmpty() ? relative : directory.path() + "/" + relative,
                                    "template " + relative + " of " + GitRemote.redact(directory.repository()),
                                    bytes));
            }
        }
        if (files.isEmpty()) {
            throw new TemplateProblem("the scaffold phase lists no files");
        }
        return files;
    }

    private void put(Map<String, byte[]> files, String path, String template, byte[] bytes) {
        checkPath(path, "path");
        files.remove(path);
        files.put(
                path,
                RawText.isBinary(bytes) ? bytes : bytes(fill(template, new String(bytes, StandardCharsets.UTF_8))));
    }

    private byte[] fromSource(Scaffold.SourceFile file) {
        checkPath(file.from(), "from");
        SourceSpec source = service.getSource();
        GitRemote remote = GitRemote.of(source.getRepository(), workspace.sourceToken(service));
        try (Repository mirror = workspace.mirror(remote, source.getBranch())) {
            Optional<byte[]> bytes =
                    RepositoryFiles.read(mirror, remote, source.getBranch(), source.getCommit(), file.from());
            return bytes.orElseThrow(() -> new SplitFailure(
                    SplitFailure.Kind.PATH_ABSENT_AT_HEAD,
                    "template " + file.from() + " (from of " + file.path() + ") is not in " + remote.redacted() + " at "
                            + (source.getCommit() != null ? source.getCommit() : source.getBranch())
                            + "; add it there or correct the plan"));
        }
    }

    private Map<String, byte[]> fromTemplateRepository(Scaffold.TemplateDirectory directory) {
        if (!directory.directory().isEmpty()) {
            checkPath(directory.directory(), "directory");
        }
        Optional<String> token = Optional.ofNullable(directory.credentialRef()).flatMap(credentials::token);
        GitRemote remote = GitRemote.of(directory.repository(), token);
        try (Repository mirror = workspace.mirror(remote, directory.branch())) {
            Map<String, byte[]> files =
                    RepositoryFiles.under(mirror, remote, directory.branch(), directory.directory());
            if (files.isEmpty()) {
                throw new SplitFailure(
                        SplitFailure.Kind.PATH_ABSENT_AT_HEAD,
                        "template directory " + (directory.directory().isEmpty() ? "/" : directory.directory())
                                + " has no files in " + remote.redacted() + " (branch " + directory.branch()
                                + "); add them there or correct the plan");
            }
            return files;
        }
    }

    private String fill(String template, String text) {
        for (FilePlaceholder placeholder : TemplateText.inFile(text)) {
            if (!values.containsKey(placeholder.name())) {
                throw new TemplateProblem(template + " has an unknown placeholder {" + placeholder.name() + "} on line "
                        + line(text, placeholder.offset()) + " for service " + service.getService() + "; usable: {"
                        + String.join("} {", new TreeSet<>(values.keySet())) + "}");
            }
        }
        return TemplateText.fillFile(text, values);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
