package dev.ferry.build.testing;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageRegistry;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.RegistryCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A registry for unit tests: the tags it holds (of any repository), the tags confirmed, and outages on request. */
public final class InMemoryRegistry implements ImageRegistry {

    /** Digest by tag. */
    public final Map<String, String> tags = new ConcurrentHashMap<>();

    /** {@code tag=digest} for each confirmation, in order. */
    public final List<String> confirmed = new ArrayList<>();

    /** How many more times {@link #prepare} fails as unreachable. */
    public int unreachableTimes;

    @Override
    public boolean serves(String host) {
        return true;
    }

    @Override
    public ImageTarget.Registry prepare(ImageSettings settings) {
        if (unreachableTimes-- > 0) {
            throw BuildFailure.retryable(FailureKind.UNREACHABLE, "connection refused", null);
        }
        return new ImageTarget.Registry(settings.registry(), settings.repository(), null);
    }

    @Override
    public Optional<String> digestOf(ImageTarget.Registry target, String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    @Override
    public void confirm(ImageTarget.Registry target, String tag, String digest) {
        confirmed.add(tag + "=" + digest);
    }

    /** Points the tag at the digest, as a manifest copy would. */
    @Override
    public void retag(ImageTarget.Registry target, String digest, String tag) {
        tags.put(tag, digest);
    }

    @Override
    public Optional<RegistryCredentials> pullCredentials(String host) {
        return Optional.empty();
    }
}
