package dev.ferry.build.testing;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * Pushes the tests' own base images to the test registry (the build machines reach no public registry): a scratch
 * image with a few layers of incompressible bytes, an environment and a default command.
 */
public final class BaseImages {

    private BaseImages() {}

    /**
     * Pushes {@code host/repository:tag} with one layer per entry of {@code layerSizes}, filled from {@code seed};
     * returns its digest.
     */
    public static String push(String host, String reference, long seed, int... layerSizes) throws Exception {
        return push(RegistryImage.named(host + "/" + reference), seed, layerSizes);
    }

    /** The same, to a registry that wants these credentials. */
    public static String pushWithLogin(
            String host, String reference, String user, String password, long seed, int... layerSizes)
            throws Exception {
        return push(RegistryImage.named(host + "/" + reference).addCredential(user, password), seed, layerSizes);
    }

    private static String push(RegistryImage target, long seed, int... layerSizes) throws Exception {
        Path files = Files.createTempDirectory("base-image-");
        var random = new Random(seed);
        JibContainerBuilder builder = Jib.fromScratch()
                .setEnvironment(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "BASE", "seed-" + seed))
                .setProgramArguments("/bin/base-default")
                .setWorkingDirectory(AbsoluteUnixPath.get("/"));
        for (int i = 0; i < layerSizes.length; i++) {
            byte[] bytes = new byte[layerSizes[i]];
            random.nextBytes(bytes);
            Path file = files.resolve("layer-" + i + ".bin");
            Files.write(file, bytes);
            builder.addFileEntriesLayer(FileEntriesLayer.builder()
                    .addEntry(file, AbsoluteUnixPath.get("/opt/base/layer-" + i + ".bin"))
                    .build());
        }
        var container = builder.containerize(Containerizer.to(target)
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(files.resolve("cache"))
                .setApplicationLayersCache(files.resolve("cache")));
        return container.getDigest().toString();
    }
}
