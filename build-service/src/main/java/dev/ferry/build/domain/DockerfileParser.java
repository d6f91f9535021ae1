package dev.ferry.build.domain;

import static dev.ferry.build.domain.DockerfileFailures.invalid;
import static dev.ferry.build.domain.DockerfileFailures.needsRuntime;
import static dev.ferry.build.domain.DockerfileFailures.unsupported;

import dev.ferry.build.domain.DockerfileLines.Instruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Dockerfile into an {@link ImageRecipe} when every instruction can be carried out without running a
 * container. Anything that needs one (RUN, in any stage) or that this builder cannot express fails with a
 * {@link BuildFailure} naming the file, the line and the builder that can do it.
 */
public final class DockerfileParser {

    private static final Set<String> UNSUPPORTED_CONFIG = Set.of("HEALTHCHECK", "SHELL", "STOPSIGNAL", "ONBUILD");

    private final String file;
    private final Map<String, String> buildArgs;
    private final Map<String, String> globalArgs = new LinkedHashMap<>();
    private final List<String> stageNames = new ArrayList<>();
    private final ExpansionBudget budget = new ExpansionBudget();
    private final boolean substitutionsOnly;
    private DockerfileStage stage;

    private DockerfileParser(String file, Map<String, String> buildArgs, boolean substitutionsOnly) {
        this.file = file;
        this.buildArgs = Map.copyOf(buildArgs);
        this.substitutionsOnly = substitutionsOnly;
    }

    /**
     * Parses {@code text}, read from {@code file} (used in messages only), with the given {@code --build-arg} values.
     */
    public static ImageRecipe parse(String file, String text, Map<String, String> buildArgs) {
        var parser = new DockerfileParser(file, buildArgs, false);
        for (Instruction instruction : DockerfileLines.split(text)) {
            parser.apply(instruction);
        }
        if (parser.stage == null) {
            throw BuildFailure.permanent(FailureKind.INVALID_INPUT, file + ": no FROM instruction, so no base image");
        }
        return parser.stage.recipe();
    }

    /**
     * Substitutes the Dockerfile's variables as a builder that runs it (buildah) would, only to refuse, as
     * {@link #parse} does, substitutions past the {@link ExpansionBudget}: that builder would spend the memory and time
     * instead. Every other problem, including what the jib builder cannot do, is left to that builder.
     */
    public static void checkSubstitutions(String file, String text, Map<String, String> buildArgs) {
        var parser = new DockerfileParser(file, buildArgs, true);
        for (Instruction instruction : DockerfileLines.split(text)) {
            parser.apply(instruction);
        }
    }

    private void apply(Instruction instruction) {
        SourceLine where = new SourceLine(file, instruction.line());
        String keyword = instruction.keyword();
        if (stage == null && !keyword.equals("FROM") && !keyword.equals("ARG")) {
            if (substitutionsOnly) {
                return;
            }
            throw invalid(where, keyword + " before the first FROM; only ARG may come before it");
        }
        try {
            dispatch(keyword, instruction.arguments(), where);
        } catch (ExpansionBudget.Exceeded tooLarge) {
            throw invalid(where, keyword + settingName(instruction, tooLarge.word()) + ": " + tooLarge.getMessage());
        } catch (IllegalArgumentException malformed) {
            if (!substitutionsOnly) {
                throw invalid(where, keyword + " is malformed: " + malformed.getMessage());
            }
        } catch (BuildFailure refused) {
            if (!substitutionsOnly) {
                throw refused;
            }
        }
    }

    /**
     * The variable or label an instruction was setting when a substitution grew too large, with a leading space: the
     * name before {@code =} in the word, or the first word of the legacy {@code ENV NAME value} form; empty otherwise.
     */
    private static String settingName(Instruction instruction, String word) {
        if (!Set.of("ENV", "ARG", "LABEL").contains(instruction.keyword())) {
            return "";
        }
        int equals = word.indexOf('=');
        String first = instruction.arguments().split("\\s+", 2)[0];
        String name = equals > 0 ? word.substring(0, equals) : first.contains("=") ? "" : first;
        return name.isEmpty() ? "" : " " + name;
    }

    private void dispatch(String keyword, String arguments, SourceLine where) {
        switch (keyword) {
            case "FROM" -> from(arguments, where);
            case "ARG" -> arg(arguments, where);
            case "RUN" -> throw needsRuntime(where, "RUN runs a command in a container");
            case "ENV" -> stage.environment.putAll(pairs(arguments, where));
            case "LABEL" -> stage.labels.putAll(pairs(arguments, where));
            case "MAINTAINER" -> stage.labels.put("maintainer", arguments);
            case "WORKDIR" -> stage.workingDirectory = resolve(words(arguments).getFirst());
            case "USER" -> stage.user = single(arguments, where);
            case "EXPOSE" -> words(arguments).forEach(port -> stage.exposedPorts.addAll(Ports.parse(port)));
            case "VOLUME" -> stage.volumes.addAll(ExecForm.parse(arguments).orElseGet(() -> words(arguments)));
            case "ENTRYPOINT" -> {
                stage.entrypoint = command(arguments);
                // Docker drops the base image's CMD when a stage sets ENTRYPOINT without its own CMD.
                stage.command = stage.commandSet ? stage.command : List.of();
            }
            case "CMD" -> {
                stage.command = command(arguments);
                stage.commandSet = true;
            }
            case "COPY", "ADD" -> stage.copies.add(copy(keyword, arguments, where));
            default -> {
                if (UNSUPPORTED_CONFIG.contains(keyword)) {
                    throw unsupported(where, keyword + " cannot be set by the in-process jib builder");
                }
                throw invalid(where, "unknown instruction " + keyword);
            }
        }
    }

    private void from(String arguments, SourceLine where) {
        List<String> words = new ArrayList<>(ShellWords.split(arguments, globalArgs::get, budget));
        words.removeIf(word -> word.startsWith("--platform="));
        if (words.isEmpty() || (words.size() != 1 && words.size() != 3)) {
            throw invalid(where, "FROM needs an image and an optional 'AS name'");
        }
        String image = words.getFirst();
        if (stageNames.contains(image.toLowerCase(Locale.ROOT))) {
            throw needsRuntime(where, "FROM " + image + " builds on an earlier stage, which needs that stage built");
        }
        if (stage != null) {
            stageNames.add(stage.name);
        }
        String name = words.size() == 3 ? words.get(2).toLowerCase(Locale.ROOT) : "stage-" + stageNames.size();
        stage = new DockerfileStage(name, image);
    }

    private void arg(String arguments, SourceLine where) {
        for (String declaration : ShellWords.split(arguments, this::variable, budget)) {
            int equals = declaration.indexOf('=');
            String name = equals < 0 ? declaration : declaration.substring(0, equals);
            if (name.isEmpty()) {
                throw invalid(where, "ARG needs a name");
            }
            String declared = equals < 0 ? null : declaration.substring(equals + 1);
            String value = buildArgs.getOrDefault(name, declared);
            if (stage == null) {
                globalArgs.put(name, value);
            } else {
                // ARG without a value inside a stage brings the global ARG's value into scope, as Docker does.
                stage.args.put(name, value != null ? value : globalArgs.get(name));
            }
        }
    }

    private CopyInstruction copy(String keyword, String arguments, SourceLine where) {
        List<String> words = ShellWords.split(arguments, this::variable, budget);
        String owner = null;
        String mode = null;
        int first = 0;
        for (; first < words.size() && words.get(first).startsWith("--"); first++) {
            String flag = words.get(first);
            if (flag.startsWith("--chown=")) {
                owner = flag.substring("--chown=".length());
            } else if (flag.startsWith("--chmod=")) {
                mode = Ports.octal(flag.substring("--chmod=".length()));
            } else if (flag.startsWith("--from=")) {
                throw needsRuntime(where, keyword + " " + flag + " copies from another stage or image");
            } else if (!flag.equals("--link")) {
                throw unsupported(where, keyword + " flag " + flag + " is not supported by the in-process jib builder");
            }
        }
        String rest = String.join(" ", words.subList(first, words.size()));
        List<String> paths = ExecForm.parse(rest).orElse(words.subList(first, words.size()));
        if (paths.size() < 2) {
            throw invalid(where, keyword + " needs at least one source and a destination");
        }
        List<String> sources = paths.subList(0, paths.size() - 1);
        if (sources.stream().anyMatch(source -> source.startsWith("<<"))) {
            throw unsupported(where, keyword + " of a here-document is not supported by the in-process jib builder");
        }
        if (keyword.equals("ADD")) {
            checkAddable(sources, where);
        }
        String destination = paths.getLast();
        String resolved = resolve(destination) + (destination.endsWith("/") && !destination.equals("/") ? "/" : "");
        return new CopyInstruction(sources, resolved, owner, mode, where);
    }

    private static void checkAddable(List<String> sources, SourceLine where) {
        for (String source : sources) {
            String lower = source.toLowerCase(Locale.ROOT);
            if (lower.contains("://") || lower.startsWith("git@")) {
                throw unsupported(
                        where, "ADD of a URL (" + source + ") is not supported; download it before the build");
            }
            if (lower.matches(".*\\.(tar|tgz|tar\\.gz|tar\\.bz2|tar\\.xz|txz)$")) {
                throw unsupported(
                        where, "ADD of an archive (" + source + ") would unpack it; unpack it first or use COPY");
            }
        }
    }

    private Map<String, String> pairs(String arguments, SourceLine where) {
        var pairs = new LinkedHashMap<String, String>();
        List<String> words = ShellWords.split(arguments, this::variable, budget);
        if (words.size() >= 2 && !words.getFirst().contains("=")) {
            // Legacy form "ENV NAME value with spaces": everything after the name is the value.
            String value =
                    ShellWords.split(
                                    arguments.strip().substring(words.getFirst().length()), this::variable, budget)
                            .stream()
                            .reduce((a, b) -> a + " " + b)
                            .orElse("");
            pairs.put(words.getFirst(), value);
            return pairs;
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw invalid(where, "expected NAME=value but found '" + word + "'");
            }
            pairs.put(word.substring(0, equals), word.substring(equals + 1));
        }
        return pairs;
    }

    private List<String> command(String arguments) {
        return ExecForm.parse(arguments).orElseGet(() -> List.of("/bin/sh", "-c", arguments));
    }

    private String single(String arguments, SourceLine where) {
        List<String> words = words(arguments);
        if (words.size() != 1) {
            throw invalid(where, "expected one value but found " + words.size());
        }
        return words.getFirst();
    }

    private List<String> words(String arguments) {
        List<String> words = ShellWords.split(arguments, this::variable, budget);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no value given");
        }
        return words;
    }

    /** A path made absolute against the WORKDIR in force, normalised. */
    private String resolve(String path) {
        String base = stage.workingDirectory == null ? "/" : stage.workingDirectory;
        String joined = path.startsWith("/") ? path : base + "/" + path;
        return ContextPaths.normalize(joined, true);
    }

    private String variable(String name) {
        if (stage == null) {
            return globalArgs.get(name);
        }
        String env = stage.environment.get(name);
        return env != null ? env : stage.args.get(name);
    }
}
