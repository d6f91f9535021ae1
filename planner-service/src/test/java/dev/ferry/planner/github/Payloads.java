package dev.ferry.planner.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the sample webhook payloads under {@code src/test/resources/github/}, modelled on GitHub's documented ones. */
public final class Payloads {

    private Payloads() {}

    public static String read(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/github/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample payload github/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
