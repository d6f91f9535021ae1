package dev.ferry.build.buildah;

import dev.ferry.build.domain.RegistryCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Registry credentials for one buildah run, in a file only this user can read ({@code --authfile}), deleted when
 * closed: a password on buildah's command line would show in the process list.
 */
final class AuthFile implements AutoCloseable {

    private final Path file;

    private AuthFile(Path file) {
        this.file = file;
    }

    /** The credentials by registry host, written in the containers-auth.json format buildah reads. */
    static AuthFile write(Path directory, Map<String, RegistryCredentials> byHost) {
        try {
            Path file = Files.createTempFile(
                    directory,
                    "auth-",
                    ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, json(byHost), StandardCharsets.UTF_8);
            return new AuthFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the registry auth file in " + directory, e);
        }
    }

    Path path() {
        return file;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the registry auth file " + file, e);
        }
    }

    private static String json(Map<String, RegistryCredentials> byHost) {
        return byHost.entrySet().stream()
                .map(entry -> quote(entry.getKey()) + ": {\"auth\": " + quote(basic(entry.getValue())) + "}")
                .collect(Collectors.joining(", ", "{\"auths\": {", "}}\n"));
    }

    private static String basic(RegistryCredentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Host names and base64 need no escaping beyond this; a host with a quote is refused by buildah anyway. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
