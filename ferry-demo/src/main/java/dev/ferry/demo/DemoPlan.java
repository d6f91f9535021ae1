package dev.ferry.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The FitSync example plan, pointed at the demo's data directory (see {@code fitsync-demo.yaml}). */
public final class DemoPlan {

    public static final String NAME = "fitsync-demo";
    public static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    private static final String TEMPLATE = "fitsync-demo.yaml";
    private static final String DATA = "@DEMO_DATA@";
    private static final String BASE_IMAGE = "@BASE_IMAGE@";
    private static final String REGISTRY = "\n  registry:\n";

    private DemoPlan() {}

    /**
     * The plan's YAML text with the layout's absolute paths in it.
     *
     * @param registryHost a registry to push the images to (e.g. {@code localhost:5000}), or null for image tarballs
     * @param baseImage the services' {@code BASE_IMAGE} build argument
     */
    public static String render(DemoLayout layout, String registryHost, String baseImage) {
        try (InputStream in = DemoPlan.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the ferry jar");
            }
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Forward slashes: a file:// URL wants them on every system.
            String plan = template.replace(DATA, layout.root().toString().replace('\\', '/'))
                    .replace(BASE_IMAGE, baseImage);
            return registryHost == null ? plan : plan.replace(REGISTRY, REGISTRY + "    host: " + registryHost + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
