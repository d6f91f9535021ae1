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
 * Keeps the tag a deploy already wrote into an overlay when the manifests are written again: regenerating an overlay
 * must not take an environment back to no tag at all.
 */
final class OverlayTags {

    private OverlayTags() {}

    /** The new overlay text, with the {@code newTag} the existing one gives the image, if any. */
    static String keep(String file, Optional<String> existing, String generated, String image) {
        return existing.flatMap(text -> tag(text, image))
                .map(tag -> ManifestEditor.edit(
                        file, generated, new TagLocation.KustomizeImage(image), ImageVersion.tagged(tag)))
                .map(result -> result instanceof EditResult.Changed changed ? changed.text() : generated)
                .orElse(generated);
    }

    private static Optional<String> tag(String text, String image) {
        try {
            if (!(new Yaml().load(text) instanceof Map<?, ?> kustomization)
                    || !(kustomization.get("images") instanceof List<?> images)) {
                return Optional.empty();
            }
            return images.stream()
                    .filter(i -> i instanceof Map<?, ?> m && image.equals(m.get("name")) && m.get("newTag") != null)
                    .map(i -> String.valueOf(((Map<?, ?>) i).get("newTag")))
                    .findFirst();
        } catch (YAMLException | ClassCastException e) {
            throw StepFailure.invalid("the GitOps repository's " + image + " overlay is not valid YAML; fix or"
                    + " delete it before the manifests are written again: " + e.getMessage());
        }
    }
}
