package dev.ferry.build.buildah;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image as buildah stores it: its layers uncompressed, by the digest its push output names them, and its
 * configuration. Read after a push to count what the push sent and what the registry had.
 */
record LocalManifest(Map<String, Long> layers, String config, long configBytes) {

    private static final ObjectMapper json = new ObjectMapper();

    static LocalManifest of(BuildahCommand buildah, String image) {
        var output = new BuildahOutput();
        int exit =
                buildah.run(false, "inspect", List.of("--type", "image", "--format", "{{.Manifest}}", image), output);
        if (exit != 0) {
            throw BuildFailure.retryable(
                    FailureKind.INTERNAL,
                    "buildah could not describe the image it built: " + String.join("\n", output.tail()),
                    null);
        }
        try {
            return of(json.readTree(String.join("\n", output.tail())));
        } catch (IOException e) {
            throw new UncheckedIOException("buildah printed no manifest for " + image, e);
        }
    }

    private static LocalManifest of(JsonNode manifest) {
        var layers = new LinkedHashMap<String, Long>();
        manifest.path("layers")
                .forEach(layer -> layers.put(
                        layer.path("digest").asText(), layer.path("size").asLong()));
        JsonNode config = manifest.path("config");
        return new LocalManifest(
                layers, config.path("digest").asText(), config.path("size").asLong());
    }

    long layerBytes() {
        return layers.values().stream().mapToLong(Long::longValue).sum();
    }

    int layersReused(BuildahOutput push) {
        return (int)
                layers.keySet().stream().filter(push.blobsSkipped()::contains).count();
    }

    int layersUploaded(BuildahOutput push) {
        return layers.size() - layersReused(push);
    }

    /** Uncompressed bytes of the layers the registry did not have, and of the configuration when it was sent. */
    long bytesUploaded(BuildahOutput push) {
        long layerBytes = layers.entrySet().stream()
                .filter(layer -> !push.blobsSkipped().contains(layer.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        return layerBytes + (push.blobsUploaded().contains(config) ? configBytes : 0);
    }
}
