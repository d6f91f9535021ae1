package dev.ferry.build.jib;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.FileCopy;
import dev.ferry.build.domain.ImagePlan;
import dev.ferry.build.domain.ImageRecipe;
import dev.ferry.build.domain.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Translates an {@link ImagePlan} into a Jib container builder: base image, one layer per COPY, configuration. */
final class JibPlans {

    /** Jib's own reproducible default: files dated one second after the epoch, so equal input gives equal layers. */
    private static final Instant FILE_TIME = Instant.ofEpochSecond(1);

    private JibPlans() {}

    static JibContainerBuilder containerBuilder(
            ImagePlan plan, Function<String, Optional<RegistryCredentials>> credentialsForHost) {
        ImageRecipe recipe = plan.recipe();
        JibContainerBuilder builder = recipe.baseImage().equals(ImageRecipe.SCRATCH)
                ? Jib.fromScratch()
                : Jib.from(baseImage(recipe.baseImage(), credentialsForHost));
        for (int i = 0; i < plan.layers().size(); i++) {
            builder.addFileEntriesLayer(
                    layer(plan.context().directory(), plan.layers().get(i), i));
        }
        configure(builder, recipe);
        return builder.setCreationTime(Instant.EPOCH);
    }

    private static void configure(JibContainerBuilder builder, ImageRecipe recipe) {
        builder.setEnvironment(recipe.environment()).setLabels(recipe.labels());
        builder.setExposedPorts(
                recipe.exposedPorts().stream().map(JibPlans::port).collect(Collectors.toSet()));
        builder.setVolumes(recipe.volumes().stream().map(AbsoluteUnixPath::get).collect(Collectors.toSet()));
        if (recipe.workingDirectory() != null) {
            builder.setWorkingDirectory(AbsoluteUnixPath.get(recipe.workingDirectory()));
        }
        if (recipe.user() != null) {
            builder.setUser(recipe.user());
        }
        if (recipe.entrypoint() != null) {
            builder.setEntrypoint(recipe.entrypoint());
        }
        if (recipe.command() != null) {
            builder.setProgramArguments(recipe.command());
        }
    }

    static RegistryImage baseImage(String reference, Function<String, Optional<RegistryCredentials>> credentials) {
        try {
            ImageReference parsed = ImageReference.parse(reference);
            RegistryImage image = RegistryImage.named(parsed);
            String host = parsed.getRegistry();
            credentials.apply(host).ifPresent(c -> image.addCredential(c.username(), c.password()));
            return image;
        } catch (InvalidImageReferenceException e) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT, "FROM " + reference + " is not a valid image reference", e);
        }
    }

    private static FileEntriesLayer layer(Path context, List<FileCopy> files, int index) {
        var layer = FileEntriesLayer.builder().setName("copy-" + (index + 1));
        for (FileCopy file : files) {
            Path source = context.resolve(file.source());
            layer.addEntry(new FileEntry(
                    source, AbsoluteUnixPath.get(file.target()), permissions(file, source), FILE_TIME, owner(file)));
        }
        return layer.build();
    }

    /** Docker keeps the file's mode; git only records executable or not, so that is what a checkout can tell. */
    private static FilePermissions permissions(FileCopy file, Path source) {
        if (file.mode() != null) {
            return FilePermissions.fromOctalString(file.mode());
        }
        return Files.isExecutable(source)
                ? FilePermissions.fromOctalString("755")
                : FilePermissions.DEFAULT_FILE_PERMISSIONS;
    }

    private static String owner(FileCopy file) {
        return file.owner() == null ? "" : file.owner();
    }

    private static Port port(String port) {
        String[] parts = port.split("/");
        return Port.parseProtocol(Integer.parseInt(parts[0]), parts[1]);
    }
}
