package dev.ferry.build.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads what Docker would read from a build context (the Dockerfile, {@code .dockerignore}, the files) and turns it
 * into an {@link ImagePlan}; falls back to the plan's descriptor when the repository has no Dockerfile.
 */
final class BuildPlanner {

    static final String DOCKERIGNORE = ".dockerignore";

    private BuildPlanner() {}

    static ImagePlan plan(BuildContext context, ImageSettings settings) {
        ImageRecipe recipe = recipe(context, settings);
        List<String> files = contextFiles(context.directory(), ignoreRules(context.directory()));
        var layers = new ArrayList<List<FileCopy>>();
        for (CopyInstruction copy : recipe.copies()) {
            layers.add(CopyPlanner.plan(copy, files));
        }
        return new ImagePlan(recipe, context, layers);
    }

    /** The Dockerfile to build as it is, by a builder that runs it; there must be one. */
    static DockerfileSource dockerfile(BuildContext context, ImageSettings settings) {
        Path dockerfile = resolveInside(context.directory(), settings.dockerfile());
        if (!Files.isRegularFile(dockerfile)) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT,
                    "no " + settings.dockerfile() + " in the repository at commit " + context.commit()
                            + ", and the buildah builder builds from a Dockerfile: add one, or use the jib builder"
                            + " with an image descriptor in the plan");
        }
        return new DockerfileSource(context, settings.dockerfile(), read(dockerfile), settings.buildArgs());
    }

    private static ImageRecipe recipe(BuildContext context, ImageSettings settings) {
        Path dockerfile = resolveInside(context.directory(), settings.dockerfile());
        if (Files.isRegularFile(dockerfile)) {
            return DockerfileParser.parse(settings.dockerfile(), read(dockerfile), settings.buildArgs());
        }
        if (settings.descriptor() != null) {
            return settings.descriptor().recipe("the plan's image descriptor");
        }
        throw BuildFailure.permanent(
                FailureKind.INVALID_INPUT,
                "no " + settings.dockerfile() + " in the repository at commit " + context.commit()
                        + " and no image descriptor in the plan: add one of them");
    }

    private static DockerIgnore ignoreRules(Path directory) {
        Path file = directory.resolve(DOCKERIGNORE);
        return Files.isRegularFile(file) ? DockerIgnore.parse(read(file)) : DockerIgnore.none();
    }

    /** Regular files of the context, relative and slash-separated, sorted so that layers come out the same each time. */
    static List<String> contextFiles(Path directory, DockerIgnore ignore) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(path -> directory.relativize(path).toString().replace('\\', '/'))
                    .filter(path -> !path.equals(".git") && !path.startsWith(".git/"))
                    .filter(path -> !ignore.excludes(path))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the build context " + directory, e);
        }
    }

    private static Path resolveInside(Path directory, String relative) {
        try {
            return directory.resolve(ContextPaths.normalize(relative, false));
        } catch (IllegalArgumentException outside) {
            throw BuildFailure.permanent(FailureKind.INVALID_INPUT, "dockerfile " + outside.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
