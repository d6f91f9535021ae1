package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.TagLocation;
import dev.ferry.deploy.domain.manifest.EditResult;
import dev.ferry.deploy.domain.manifest.ManifestEditor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Keeps the tag (and the digest it is pinned to) a deploy already wrote into an overlay when the manifests are written
 * again: regenerating an overlay must not take an environment back to no tag at all, nor unpin it.
 */
final class OverlayTags {

    private OverlayTags() {}

    /** The new overlay text, with the {@code newTag} (and pinned {@code digest}) the existing one gives the image. */
    static String keep(String file, Optional<String> existing, String generated, String image) {
        return existing.flatMap(text -> version(text, image))
                .map(version -> ManifestEditor.edit(file, generated, new TagLocation.KustomizeImage(image), version))
                .map(result -> result instanceof EditResult.Changed changed ? changed.text() : generated)
                .orElse(generated);
    }

    private static Optional<ImageVersion> version(String text, String image) {
        try {
            if (!(new Yaml().load(text) instanceof Map<?, ?> kustomization)
                    || !(kustomization.get("images") instanceof List<?> images)) {
                return Optional.empty();
            }
            return images.stream()
                    .filter(i -> i instanceof Map<?, ?> m && image.equals(m.get("name")) && m.get("newTag") != null)
                    .map(i -> (Map<?, ?>) i)
                    .map(entry -> ImageVersion.of(
                            String.valueOf(entry.get("newTag")),
                            entry.get("digest") == null ? null : String.valueOf(entry.get("digest"))))
                    .findFirst();
        } catch (YAMLException | ClassCastException e) {
            throw StepFailure.invalid("the GitOps repository's " + image + " overlay is not valid YAML; fix or"
                    + " delete it before the manifests are written again: " + e.getMessage());
        }
    }
}
