package dev.ferry.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Asks a registry what a tag names, as {@code crane digest} would: a HEAD on the manifest. */
final class RegistryTags {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RegistryTags() {}

    /** The registry's answer for {@code repository:tag}; its Docker-Content-Digest header names the image. */
    static HttpResponse<Void> head(URI registry, String repository, String tag)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/manifests/" + tag))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header(
                                "Accept",
                                "application/vnd.oci.image.manifest.v1+json,"
                                        + "application/vnd.docker.distribution.manifest.v2+json")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
