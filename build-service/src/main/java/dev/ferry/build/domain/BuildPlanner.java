package dev.ferry.build.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what Docker would read from a build context (the Dockerfile, {@code .dockerignore}, the files) and turns it
 * into an {@link ImagePlan}; falls back to the plan's descriptor when the repository has no Dockerfile.
 */
final class BuildPlanner {

    static final String DOCKERIGNORE = ".dockerignore";

    private BuildPlanner() {}

    static ImagePlan plan(BuildContext context, ImageSettings settings) {
        ImageRecipe recipe = recipe(context, settings);
        ContextFiles files = ContextFiles.read(context.directory(), ignoreRules(context.directory()));
        var layers = new ArrayList<List<FileCopy>>();
        for (CopyInstruction copy : recipe.copies()) {
            layers.add(CopyPlanner.plan(copy, files));
        }
        return new ImagePlan(recipe, context, layers);
    }

    /**
     * The Dockerfile to build as it is, by a builder that runs it; there must be one, and its variables must stay
     * within the {@link ExpansionBudget}.
     */
    static DockerfileSource dockerfile(BuildContext context, ImageSettings settings) {
        Path dockerfile = resolveInside(context.directory(), settings.dockerfile());
        if (!Files.isRegularFile(dockerfile)) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT,
                    "no " + settings.dockerfile() + " in the repository at commit " + context.commit()
                            + ", and the buildah builder builds from a Dockerfile: add one, or use the jib builder"
                            + " with an image descriptor in the plan");
        }
        String text = read(context.directory(), dockerfile);
        DockerfileParser.checkSubstitutions(settings.dockerfile(), text, settings.buildArgs());
        return new DockerfileSource(context, settings.dockerfile(), text, settings.buildArgs(), settings.deadline());
    }

    private static ImageRecipe recipe(BuildContext context, ImageSettings settings) {
        Path dockerfile = resolveInside(context.directory(), settings.dockerfile());
        if (Files.isRegularFile(dockerfile)) {
            return DockerfileParser.parse(
                    settings.dockerfile(), read(context.directory(), dockerfile), settings.buildArgs());
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
        return Files.isRegularFile(file) ? DockerIgnore.parse(read(directory, file)) : DockerIgnore.none();
    }

    private static Path resolveInside(Path directory, String relative) {
        try {
            return directory.resolve(ContextPaths.normalize(relative, false));
        } catch (IllegalArgumentException outside) {
            throw BuildFailure.permanent(FailureKind.INVALID_INPUT, "dockerfile " + outside.getMessage());
        }
    }

    /** The file's text; one reached through a symbolic link out of the context is the build machine's, and refused. */
    private static String read(Path directory, Path file) {
        try {
            if (!file.toRealPath().startsWith(directory.toRealPath())) {
                throw BuildFailure.permanent(
                        FailureKind.INVALID_INPUT,
                        "forbidden path outside the build context: " + directory.relativize(file)
                                + " goes through a symbolic link that leads out of it; put the file itself in the"
                                + " repository");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
