package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.TagLocation;
import java.util.List;

/**
 * Writes an image version into the text of a GitOps file (Helm values, kustomization or plain manifests) by changing
 * only the characters of the value; comments, key order, quoting and indentation stay as they were. A file that already
 * holds the version is reported as such, so the caller makes no commit.
 */
public final class ManifestEditor {

    private ManifestEditor() {}

    /**
     * @param file path of the file in the repository, used in error messages
     * @throws dev.ferry.deploy.domain.StepFailure when the file is not YAML or has no place for the version; the message
     *     says which file, where and what to change
     */
    public static EditResult edit(String file, String text, TagLocation location, ImageVersion version) {
        var source = YamlSource.parse(file, text);
        List<Splice> splices =
                switch (location) {
                    case TagLocation.HelmValue helm -> HelmValuesEdit.splices(source, helm.path(), version);
                    case TagLocation.KustomizeImage image ->
                        KustomizeImageEdit.splices(source, image.imageName(), version);
                    case TagLocation.ContainerImage container ->
                        ContainerImageEdit.splices(source, container.containerName(), version);
                };
        if (splices.isEmpty()) {
            return new EditResult.AlreadyCurrent();
        }
        String replaced =
                text.substring(splices.getFirst().start(), splices.getFirst().end());
        // A kustomization's entry says its whole version (tag and pinned digest), which a rollback restores as it was.
        String previous = location instanceof TagLocation.KustomizeImage image
                ? KustomizeImageEdit.current(source, image.imageName()).orElse(replaced)
                : replaced;
        return new EditResult.Changed(Splice.apply(text, splices), previous);
    }
}
