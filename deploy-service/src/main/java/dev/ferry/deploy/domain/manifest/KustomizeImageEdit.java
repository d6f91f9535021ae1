package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.StepFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Sets {@code newTag} and, when the version's digest is known, {@code digest} of a kustomization's {@code images[]}
 * entry, so the overlay pins the very image that was built and verified (Kustomize renders {@code name:tag@digest}); a
 * version without a digest removes a stale pin. The entry is found by its {@code name}, either exactly or by its last
 * path segment ({@code registry/team/auth} for {@code auth}). Missing fields are added on new lines under the entry.
 */
final class KustomizeImageEdit {

    private KustomizeImageEdit() {}

    static List<Splice> splices(YamlSource source, String imageName, ImageVersion version) {
        if (source.documents().size() != 1 || !(source.documents().getFirst() instanceof MappingNode root)) {
            throw StepFailure.invalid(source.file() + " is not a kustomization (one YAML mapping)");
        }
        var entry = find(source, root, imageName);
        String where = source.file() + " at images[name=" + imageName + "]";
        Optional<NodeTuple> newTag = YamlSource.entry(entry, "newTag");
        Optional<NodeTuple> digest = YamlSource.entry(entry, "digest");
        if (newTag.isEmpty()) {
            return withoutTag(source, entry, digest, version, where);
        }
        // The tag first: the editor reports the first splice's old text as the version replaced.
        var splices = new ArrayList<Splice>();
        scalarEdit(source, newTag.get(), version.tag(), where + ".newTag").ifPresent(splices::add);
        if (version.digest().isPresent()) {
            String wanted = version.digest().get();
            digest.map(d -> scalarEdit(source, d, wanted, where + ".digest"))
                    .orElseGet(() -> Optional.of(source.insertAfter(entry, newTag.get(), "digest", wanted, where)))
                    .ifPresent(splices::add);
        } else {
            // The pin named the old tag's image; left in place, Kustomize would keep deploying it.
            digest.map(d -> source.removeLine(d, where + ".digest")).ifPresent(splices::add);
        }
        return splices;
    }

    /** The version the entry names now, {@code tag} or {@code tag@digest}; empty when it has no {@code newTag}. */
    static Optional<String> current(YamlSource source, String imageName) {
        if (!(source.documents().getFirst() instanceof MappingNode root)) {
            return Optional.empty();
        }
        MappingNode entry = find(source, root, imageName);
        return YamlSource.scalar(entry, "newTag").map(tag -> YamlSource.scalar(entry, "digest")
                .map(d -> tag + "@" + d)
                .orElse(tag));
    }

    /**
     * An entry without {@code newTag}: one that pins only a digest gets the new digest (there is no tag to write it
     * next to); one with neither gets {@code newTag}, and {@code digest} when known, on new lines under its name.
     */
    private static List<Splice> withoutTag(
            YamlSource source, MappingNode entry, Optional<NodeTuple> digest, ImageVersion version, String where) {
        if (digest.isPresent()) {
            String wanted = version.digest()
                    .orElseThrow(() -> StepFailure.invalid(where + " pins a digest, which Kustomize prefers over"
                            + " newTag, but the build reported no digest for tag " + version.tag()
                            + "; remove the digest line or deploy an image with a known digest"));
            return scalarEdit(source, digest.get(), wanted, where + ".digest").stream()
                    .toList();
        }
        NodeTuple name = YamlSource.entry(entry, "name").orElseThrow();
        Splice tag = source.insertAfter(entry, name, "newTag", version.tag(), where);
        return List.of(version.digest()
                .map(d -> new Splice(
                        tag.start(),
                        tag.end(),
                        tag.replacement()
                                + source.insertAfter(entry, name, "digest", d, where)
                                        .replacement()))
                .orElse(tag));
    }

    private static Optional<Splice> scalarEdit(YamlSource source, NodeTuple field, String value, String where) {
        if (!(field.getValueNode() instanceof ScalarNode scalar)) {
            throw StepFailure.invalid(where + " is not a string");
        }
        return scalar.getValue().equals(value) ? Optional.empty() : Optional.of(source.replace(scalar, value, where));
    }

    private static MappingNode find(YamlSource source, MappingNode root, String imageName) {
        var names = new ArrayList<String>();
        for (Node item : YamlSource.value(root, "images").map(YamlSource::items).orElse(List.of())) {
            String name = YamlSource.scalar(item, "name").orElse("");
            names.add(name);
            if (item instanceof MappingNode entry && (name.equals(imageName) || name.endsWith("/" + imageName))) {
                return entry;
            }
        }
        throw new StepFailure(
                StepFailure.Kind.NOT_FOUND,
                false,
                source.file() + " has no images[] entry named '" + imageName + "' (entries: "
                        + (names.isEmpty() ? "none" : String.join(", ", names))
                        + "); add one, or set the plan's keyPath to the image name used there");
    }
}
