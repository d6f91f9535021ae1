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
 * Sets {@code newTag} (and {@code digest}, when the entry pins one) of a kustomization's {@code images[]} entry. The
 * entry is found by its {@code name}, either exactly or by its last path segment ({@code registry/team/auth} for
 * {@code auth}). An entry without {@code newTag} gets one, on a new line under its {@code name}.
 */
final class KustomizeImageEdit {

    private KustomizeImageEdit() {}

    static List<Splice> splices(YamlSource source, String imageName, ImageVersion version) {
        if (source.documents().size() != 1 || !(source.documents().getFirst() instanceof MappingNode root)) {
            throw StepFailure.invalid(source.file() + " is not a kustomization (one YAML mapping)");
        }
        var entry = find(source, root, imageName);
        String where = source.file() + " at images[name=" + imageName + "]";
        var splices = new ArrayList<Splice>();
        Optional<NodeTuple> digest = YamlSource.entry(entry, "digest");
        if (digest.isPresent()) {
            String wanted = version.digest()
                    .orElseThrow(() -> StepFailure.invalid(where + " pins a digest, which Kustomize prefers over"
                            + " newTag, but the build reported no digest for tag " + version.tag()
                            + "; remove the digest line or deploy an image with a known digest"));
            scalarEdit(source, digest.get(), wanted, where + ".digest").ifPresent(splices::add);
        }
        Optional<NodeTuple> newTag = YamlSource.entry(entry, "newTag");
        if (newTag.isPresent()) {
            scalarEdit(source, newTag.get(), version.tag(), where + ".newTag").ifPresent(splices::add);
        } else if (digest.isEmpty()) {
            NodeTuple name = YamlSource.entry(entry, "name").orElseThrow();
            splices.add(source.insertAfter(entry, name, "newTag", version.tag(), where));
        }
        return splices;
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
