package dev.ferry.build.jib;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.hash.Digests;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Registry calls on manifests: what a tag points at (Jib's registry client, the same auth dance a push does), and a tag
 * pointed at an image the repository already holds, by GETting its manifest by digest and PUTting the same bytes under
 * the tag.
 */
final class ManifestCopy {

    private ManifestCopy() {}

    /** What {@code tag} points at, or empty when the tag does not exist. */
    static Optional<String> digestOf(ImageTarget.Registry target, String tag, boolean plainHttp) {
        String what = "looking up " + target.name() + ":" + tag;
        try {
            RegistryClient client = client(target, plainHttp);
            return client.checkManifest(tag).map(ManifestAndDigest::getDigest).map(Object::toString);
        } catch (IOException | RegistryException e) {
            throw JibFailures.translate(e, what, "(none)");
        }
    }

    /**
     * Puts the manifest of {@code target@digest}, byte for byte with its media type, under {@code tag}; checks first
     * that the bytes read are the image {@code digest} names, so the tag names exactly the image that was verified.
     */
    static void retag(ImageTarget.Registry target, String digest, String tag, boolean plainHttp) {
        String what = "pointing " + target.name() + ":" + tag + " at " + digest;
        try (var session = new ManifestSession(target, plainHttp)) {
            ManifestSession.Manifest manifest = session.get(digest);
            String read = Digests.computeDigest(new ByteArrayInputStream(manifest.bytes()))
                    .getDigest()
                    .toString();
            if (!read.equals(digest)) {
                throw BuildFailure.permanent(
                        FailureKind.CONFLICT,
                        what + ": the registry answered with manifest " + read + "; the tag was not moved");
            }
            session.put(tag, manifest);
        } catch (ManifestSession.TokenRefused e) {
            throw refused(e, what);
        } catch (ResponseException e) {
            throw answered(e, what, digest);
        } catch (IOException e) {
            throw JibFailures.translate(e, what, "(none)");
        }
    }

    private static BuildFailure refused(ManifestSession.TokenRefused e, String what) {
        return e.status() == 401 || e.status() == 403
                ? BuildFailure.permanent(
                        FailureKind.AUTHENTICATION,
                        what + ": the registry's token server " + e.realm() + " refused the credentials (HTTP "
                                + e.status() + "); check the image's credentialRef",
                        e)
                : BuildFailure.retryable(
                        FailureKind.INTERNAL,
                        what + ": the registry's token server " + e.realm() + " answered HTTP " + e.status(),
                        e);
    }

    private static BuildFailure answered(ResponseException e, String what, String digest) {
        return switch (e.getStatusCode()) {
            case 404 ->
                BuildFailure.permanent(
                        FailureKind.NOT_FOUND,
                        what + ": the repository has no image " + digest
                                + "; was it pushed to another repository or deleted?",
                        e);
            case 401, 403 ->
                BuildFailure.permanent(
                        FailureKind.AUTHENTICATION,
                        what + ": the registry refused the credentials (HTTP " + e.getStatusCode()
                                + "); check the image's credentialRef and that it may push",
                        e);
            default ->
                BuildFailure.retryable(
                        FailureKind.INTERNAL, what + ": the registry answered HTTP " + e.getStatusCode(), e);
        };
    }

    private static RegistryClient client(ImageTarget.Registry target, boolean plainHttp)
            throws IOException, RegistryException {
        var http = new FailoverHttpClient(plainHttp, plainHttp, log -> {});
        var factory = RegistryClient.factory(EventHandlers.NONE, target.registry(), target.repository(), http);
        if (target.credentials() != null) {
            factory.setCredential(Credential.from(
                    target.credentials().username(), target.credentials().password()));
        }
        RegistryClient client = factory.newRegistryClient();
        if (!client.doPullBearerAuth() && target.credentials() != null) {
            client.configureBasicAuth();
        }
        return client;
    }
}
