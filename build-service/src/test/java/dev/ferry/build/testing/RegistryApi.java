package dev.ferry.build.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a registry over the distribution HTTP API, as a person checking a push would (tags, manifests, layers). */
public final class RegistryApi {

    private static final String MANIFEST_TYPES =
            "application/vnd.docker.distribution.manifest.v2+json," + "application/vnd.oci.image.manifest.v1+json";
    private static final ObjectMapper json = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    public RegistryApi(URI base) {
        this.base = base;
    }

    public List<String> tags(String repository) {
        JsonNode tags =
                getJson("/v2/" + repository + "/tags/list", "application/json").path("tags");
        var names = new ArrayList<String>();
        tags.forEach(tag -> names.add(tag.asText()));
        return names;
    }

    /** The digest a tag points at, from the registry's Docker-Content-Digest header. */
    public String digest(String repository, String tag) {
        HttpResponse<byte[]> response = get("/v2/" + repository + "/manifests/" + tag, MANIFEST_TYPES);
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    public JsonNode manifest(String repository, String reference) {
        return getJson("/v2/" + repository + "/manifests/" + reference, MANIFEST_TYPES);
    }

    /** The image configuration's {@code config} section (Env, Entrypoint, Cmd, ExposedPorts, User, Labels ...). */
    public JsonNode config(String repository, String reference) {
        String digest =
                manifest(repository, reference).path("config").path("digest").asText();
        return readJson(blob(repository, digest)).path("config");
    }

    /** Every file entry of every layer of the image: path to {@code uid:gid mode}, later layers winning. */
    public Map<String, String> files(String repository, String reference) {
        var files = new LinkedHashMap<String, String>();
        eachFile(
                repository,
                reference,
                (entry, tar) -> files.put(
                        path(entry),
                        entry.getLongUserId() + ":" + entry.getLongGroupId() + " "
                                + Integer.toOctalString(entry.getMode() & 0777)));
        return files;
    }

    /** The text of the file at {@code path} (absolute) in the image, as its last layer holding it has it; or null. */
    public String fileText(String repository, String reference, String path) {
        var text = new String[1];
        eachFile(repository, reference, (entry, tar) -> {
            if (path(entry).equals(path)) {
                text[0] = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        return text[0];
    }

    private interface FileVisitor {
        void visit(TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException;
    }

    private void eachFile(String repository, String reference, FileVisitor visitor) {
        for (JsonNode layer : manifest(repository, reference).path("layers")) {
            byte[] gz = blob(repository, layer.path("digest").asText());
            try (var tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(gz)))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    if (entry.isFile()) {
                        visitor.visit(entry, tar);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String path(TarArchiveEntry entry) {
        return entry.getName().replaceFirst("^\\./", "/").replaceFirst("^(?!/)", "/");
    }

    public byte[] blob(String repository, String digest) {
        return get("/v2/" + repository + "/blobs/" + digest, "*/*").body();
    }

    private JsonNode getJson(String path, String accept) {
        return readJson(get(path, accept).body());
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> get(String path, String accept) {
        try {
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Accept", accept)
                    .GET()
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
