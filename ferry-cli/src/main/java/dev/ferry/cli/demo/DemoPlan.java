package dev.ferry.cli.demo;

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

    private DemoPlan() {}

    /** The plan's YAML text with the layout's absolute paths in it. */
    public static String render(DemoLayout layout) {
        try (InputStream in = DemoPlan.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the ferry jar");
            }
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Forward slashes: a file:// URL wants them on every system.
            return template.replace(DATA, layout.root().toString().replace('\\', '/'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
