package dev.ferry.build.jib;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageRegistry;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.RegistrySecrets;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Any OCI distribution registry, anonymous or with basic or bearer auth (Jib's registry client does the token
 * exchange). Credentials come from the plan's {@code credentialRef}. Serves every host no other registry claims.
 */
public final class OciRegistry implements ImageRegistry {

    private final RegistrySecrets secrets;
    private final Set<String> plainHttpRegistries;

    public OciRegistry(RegistrySecrets secrets, Set<String> plainHttpRegistries) {
        this.secrets = secrets;
        this.plainHttpRegistries = Set.copyOf(plainHttpRegistries);
    }

    @Override
    public boolean serves(String host) {
        return true;
    }

    @Override
    public ImageTarget.Registry prepare(ImageSettings settings) {
        RegistryCredentials credentials =
                secrets.lookup(settings.credentialRef()).orElse(null);
        if (settings.credentialRef() != null && credentials == null) {
            throw BuildFailure.permanent(
                    FailureKind.AUTHENTICATION,
                    "credentialRef " + settings.credentialRef() + " of " + settings.registry()
                            + " names no configured secret; add it under ferry.build.credentials");
        }
        return new ImageTarget.Registry(settings.registry(), settings.repository(), credentials);
    }

    @Override
    public Optional<String> digestOf(ImageTarget.Registry target, String tag) {
        return digestOf(target, tag, plainHttpRegistries.contains(target.registry()));
    }

    @Override
    public void confirm(ImageTarget.Registry target, String tag, String digest) {
        Optional<String> found = digestOf(target, tag);
        if (!found.equals(Optional.of(digest))) {
            throw BuildFailure.retryable(
                    FailureKind.INTERNAL,
                    "pushed " + target.name() + "@" + digest + " but " + tag + " points at " + found.orElse("nothing")
                            + "; another push may have raced this one",
                    null);
        }
    }

    /** Base images are pulled with credentials stored under the registry's host name, if there are any. */
    @Override
    public Optional<RegistryCredentials> pullCredentials(String host) {
        return secrets.lookup(host);
    }

    /** What {@code tag} points at, asked with Jib's registry client (the same auth dance a push does). */
    static Optional<String> digestOf(ImageTarget.Registry target, String tag, boolean plainHttp) {
        String what = "looking up " + target.name() + ":" + tag;
        var http = new FailoverHttpClient(plainHttp, plainHttp, log -> {});
        var factory = RegistryClient.factory(EventHandlers.NONE, target.registry(), target.repository(), http);
        if (target.credentials() != null) {
            factory.setCredential(Credential.from(
                    target.credentials().username(), target.credentials().password()));
        }
        RegistryClient client = factory.newRegistryClient();
        try {
            if (!client.doPullBearerAuth() && target.credentials() != null) {
                client.configureBasicAuth();
            }
            return client.checkManifest(tag).map(ManifestAndDigest::getDigest).map(Object::toString);
        } catch (IOException | RegistryException e) {
            throw JibFailures.translate(e, what, "(none)");
        }
    }
}
