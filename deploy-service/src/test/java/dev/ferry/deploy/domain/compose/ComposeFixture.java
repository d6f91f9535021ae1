package dev.ferry.deploy.domain.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Seed 003's compose setup as files of a source repository, by path: the compose file and what it reads. */
public final class ComposeFixture {

    private ComposeFixture() {}

    public static String composeFile() {
        return resource("docker-compose.yml");
    }

    /** Every file the compose file reads, with the compose file at {@code docker-compose.yml}. */
    public static Map<String, String> sourceFiles() {
        var files = new LinkedHashMap<String, String>();
        files.put("docker-compose.yml", composeFile());
        files.put("services/user-service/.env", resource("user-service.env"));
        files.put("config/inventory-rules.json", resource("inventory-rules.json"));
        files.put("secrets/jwt.txt.example", "replace me; never committed\n");
        return files;
    }

    /** The 1-based line of the first line of {@code text} that contains {@code needle}. */
    public static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle + " is not in the text");
    }

    static ComposeReader reader(Map<String, String> files) {
        return new ComposeReader(path -> Optional.ofNullable(files.get(path)));
    }

    private static String resource(String name) {
        try (InputStream in = ComposeFixture.class.getResourceAsStream("/compose/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
