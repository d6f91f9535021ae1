package dev.ferry.cli.login;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The CLI's config file: named contexts and the current one, like kubectl's. It lives at {@code $FERRY_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/ferry/config.yaml}, else {@code ~/.config/ferry/config.yaml}; {@code $FERRY_CONTEXT} picks
 * another context than the current one. The file holds tokens, so it is written readable by its owner only.
 *
 * <pre>
 * current-context: prod
 * contexts:
 *   prod:
 *     planner: https://ferry.example.com
 *     kafka:
 *       bootstrap-servers: kafka-0.example.com:9093
 *       properties: {security.protocol: SASL_SSL, sasl.mechanism: SCRAM-SHA-512}
 *     token: eyJ...
 * </pre>
 */
public final class CliConfig {
    static final String FILE_VARIABLE = "FERRY_CONFIG";
    static final String CONTEXT_VARIABLE = "FERRY_CONTEXT";
    static final String DEFAULT_CONTEXT = "default";
    static final String TOKEN_VARIABLE = "FERRY_TOKEN";

    private final Path file;
    private final String current;
    private final Map<String, CliContext> contexts;

    private CliConfig(Path file, String current, Map<String, CliContext> contexts) {
        this.file = file;
        this.current = current;
        this.contexts = contexts;
    }

    /** The config file of this environment, or an empty one when there is none yet. */
    public static CliConfig load(CliEnvironment env) {
        Path file = location(env);
        if (file == null || !Files.isRegularFile(file)) {
            return new CliConfig(file, null, new LinkedHashMap<>());
        }
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(file, StandardCharsets.UTF_8));
            return read(file, document);
        } catch (IOException | YAMLException e) {
            throw new CliFailure("cannot read the CLI config " + file + ": " + e.getMessage(), e);
        }
    }

    /** The context commands use: {@code $FERRY_CONTEXT}, else the file's current one; empty when neither exists. */
    public Optional<CliContext> active(CliEnvironment env) {
        String name = env.variable(CONTEXT_VARIABLE, current);
        if (name == null) {
            return Optional.empty();
        }
        CliContext context = contexts.get(name);
        if (context == null && env.variable(CONTEXT_VARIABLE, null) != null) {
            throw new CliFailure("$" + CONTEXT_VARIABLE + " names context \"" + name + "\", but " + file + " has "
                    + (contexts.isEmpty() ? "none" : String.join(", ", contexts.keySet())));
        }
        return Optional.ofNullable(context);
    }

    /** The token the CLI sends: {@code $FERRY_TOKEN} (a CI job's), else the active context's ({@code ferry login}). */
    public static String token(CliEnvironment env) {
        return env.variable(
                TOKEN_VARIABLE, load(env).active(env).map(CliContext::token).orElse(null));
    }

    /** The named context as stored, or an empty one of that name. */
    public CliContext context(String name) {
        return contexts.getOrDefault(name, CliContext.empty(name));
    }

    public String currentName() {
        return current == null ? DEFAULT_CONTEXT : current;
    }

    public Path file() {
        return file;
    }

    /** Stores the context and makes it the current one; the file is replaced whole and readable by its owner only. */
    public void save(CliContext context) {
        if (file == null) {
            throw new CliFailure("cannot tell where the CLI config goes: set $" + FILE_VARIABLE + " or $HOME");
        }
        contexts.put(context.name(), context);
        var document = new LinkedHashMap<String, Object>();
        document.put("current-context", context.name());
        var written = new LinkedHashMap<String, Object>();
        contexts.values().forEach(each -> written.put(each.name(), write(each)));
        document.put("contexts", written);
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.deleteIfExists(next);
            try {
                Files.createFile(
                        next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException notPosix) {
                Files.createFile(next);
            }
            Files.writeString(next, new Yaml(options).dump(document), StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliFailure("cannot write the CLI config " + file + ": " + e.getMessage(), e);
        }
    }

    static Path location(CliEnvironment env) {
        String explicit = env.variable(FILE_VARIABLE, null);
        if (explicit != null) {
            return Path.of(explicit);
        }
        String xdg = env.variable("XDG_CONFIG_HOME", null);
        if (xdg != null) {
            return Path.of(xdg, "ferry", "config.yaml");
        }
        String home = env.variable("HOME", null);
        return home == null ? null : Path.of(home, ".config", "ferry", "config.yaml");
    }

    private static CliConfig read(Path file, Object document) {
        var contexts = new LinkedHashMap<String, CliContext>();
        if (document == null) {
            return new CliConfig(file, null, contexts);
        }
        Map<?, ?> root = map(document, file, "the file");
        Object listed = root.get("contexts");
        if (listed != null) {
            map(listed, file, "contexts").forEach((name, value) -> {
                Map<?, ?> context = map(value, file, "contexts." + name);
                Map<?, ?> kafka = context.get("kafka") == null
                        ? Map.of()
                        : map(context.get("kafka"), file, "contexts." + name + ".kafka");
                var properties = new LinkedHashMap<String, String>();
                if (kafka.get("properties") != null) {
                    map(kafka.get("properties"), file, "contexts." + name + ".kafka.properties")
                            .forEach((key, setting) -> properties.put(String.valueOf(key), String.valueOf(setting)));
                }
                contexts.put(
                        String.valueOf(name),
                        new CliContext(
                                String.valueOf(name),
                                text(context.get("planner")),
                                text(kafka.get("bootstrap-servers")),
                                properties,
                                text(context.get("token"))));
            });
        }
        return new CliConfig(file, text(root.get("current-context")), contexts);
    }

    private static Map<String, Object> write(CliContext context) {
        var written = new LinkedHashMap<String, Object>();
        if (context.planner() != null) {
            written.put("planner", context.planner());
        }
        if (context.bootstrapServers() != null || !context.kafkaProperties().isEmpty()) {
            var kafka = new LinkedHashMap<String, Object>();
            if (context.bootstrapServers() != null) {
                kafka.put("bootstrap-servers", context.bootstrapServers());
            }
            if (!context.kafkaProperties().isEmpty()) {
                kafka.put("properties", new LinkedHashMap<>(context.kafkaProperties()));
            }
            written.put("kafka", kafka);
        }
        if (context.token() != null) {
            written.put("token", context.token());
        }
        return written;
    }

    private static Map<?, ?> map(Object value, Path file, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new CliFailure("the CLI config " + file + " is not valid: " + where + " must be a mapping");
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
