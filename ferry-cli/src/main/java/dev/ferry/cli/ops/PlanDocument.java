package dev.ferry.cli.ops;

import dev.ferry.cli.CliFailure;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A plan file as the start command carries it: the text exactly as written, and the plan's name. Only the name is read
 * here; whether the plan is valid is the planner's decision (it rejects an invalid one on {@code command.rejected}).
 *
 * @param name {@code metadata.name}, or a top-level {@code name}
 */
record PlanDocument(Path file, String text, String name) {

    static PlanDocument read(Path file) {
        String text = readText(file);
        Object root = parse(file, text);
        if (!(root instanceof Map<?, ?> document)) {
            throw new CliFailure(file + ": a plan is a YAML mapping (apiVersion, kind, metadata, ...), but this file"
                    + (root == null
                            ? " is empty"
                            : " holds a " + root.getClass().getSimpleName()));
        }
        return new PlanDocument(file, text, nameOf(file, document));
    }

    private static String nameOf(Path file, Map<?, ?> document) {
        Object name = document.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
        if (name == null) {
            name = document.get("name");
        }
        if (name == null || name.toString().isBlank()) {
            throw new CliFailure(file + ": the plan has no name; set metadata.name (e.g. fitsync-multi-repo)");
        }
        return name.toString().strip();
    }

    private static String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliFailure("cannot read plan " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new CliFailure("cannot read plan " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new CliFailure("cannot read plan " + file + ": " + e.getMessage(), e);
        }
    }

    private static Object parse(Path file, String text) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            throw new CliFailure(file + where + ": not valid YAML: " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new CliFailure(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }
}
