package dev.ferry.build.jib;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
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

    static final String DOCKER_ARCHIVE = "docker-archive:";

    private JibPlans() {}

    static JibContainerBuilder containerBuilder(
            ImagePlan plan, Function<String, Optional<RegistryCredentials>> credentialsForHost) {
        ImageRecipe recipe = plan.recipe();
        JibContainerBuilder builder = from(recipe.baseImage(), credentialsForHost);
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

    /**
     * The base: none for {@code scratch}, a {@code docker save} tarball on this machine for
     * {@code docker-archive:/path.tar} (the transport name buildah and skopeo use, so the same FROM builds with either
     * builder), a registry image otherwise.
     */
    private static JibContainerBuilder from(
            String reference, Function<String, Optional<RegistryCredentials>> credentialsForHost) {
        if (reference.equals(ImageRecipe.SCRATCH)) {
            return Jib.fromScratch();
        }
        if (reference.startsWith(DOCKER_ARCHIVE)) {
            return Jib.from(TarImage.at(archive(reference)));
        }
        return Jib.from(baseImage(reference, credentialsForHost));
    }

    /** The tarball a {@code docker-archive:} reference names; it must exist, as a registry's manifest must. */
    private static Path archive(String reference) {
        String path = reference.substring(DOCKER_ARCHIVE.length());
        // docker-archive:/path.tar:name:tag also names the image inside; a docker save tarball of one image needs none.
        int nameSeparator = path.indexOf(':');
        Path file = Path.of(nameSeparator < 0 ? path : path.substring(0, nameSeparator));
        if (!file.isAbsolute() || !Files.isRegularFile(file)) {
            throw BuildFailure.permanent(
                    FailureKind.NOT_FOUND,
                    "FROM " + reference + ": base image archive " + file
                            + " is not a file on the build machine; give an absolute path to a `docker save`"
                            + " (or `buildah push ... docker-archive:`) tarball");
        }
        return file;
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
