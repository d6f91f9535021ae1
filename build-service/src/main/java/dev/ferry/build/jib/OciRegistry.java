package dev.ferry.build.jib;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageRegistry;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.RegistrySecrets;
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

    @Override
    public void retag(ImageTarget.Registry target, String digest, String tag) {
        ManifestCopy.retag(target, digest, tag, plainHttpRegistries.contains(target.registry()));
    }

    /** What {@code tag} points at, asked with Jib's registry client (the same auth dance a push does). */
    static Optional<String> digestOf(ImageTarget.Registry target, String tag, boolean plainHttp) {
        return ManifestCopy.digestOf(target, tag, plainHttp);
    }
}
