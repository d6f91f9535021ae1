package dev.ferry.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** Hypothetical next versions of RepoSplit, in src/test/resources/evolution, that tests hold against v1. */
public final class EvolutionSchemas {

    private EvolutionSchemas() {}

    public static Schema load(String file) {
        try (InputStream in = EvolutionSchemas.class.getResourceAsStream("/evolution/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test schema evolution/" + file);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
