package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.KeyPath;
import dev.ferry.deploy.domain.StepFailure;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Sets the scalar at a key path of a Helm values file to the image tag. */
final class HelmValuesEdit {

    private HelmValuesEdit() {}

    static List<Splice> splices(YamlSource source, KeyPath path, ImageVersion version) {
        if (source.documents().size() != 1) {
            throw StepFailure.invalid(source.file() + " holds "
                    + source.documents().size() + " YAML documents; a Helm values file has exactly one");
        }
        Node node = source.documents().getFirst();
        for (int i = 0; i < path.segments().size(); i++) {
            node = child(source, node, path, i);
        }
        String where = source.file() + " at " + path;
        if (!(node instanceof ScalarNode scalar)) {
            throw StepFailure.invalid(where + " is a " + node.getNodeId()
                    + ", not a scalar; point the key path at the tag" + " itself, e.g. " + path + ".tag");
        }
        if (scalar.getValue().equals(version.tag())) {
            return List.of();
        }
        return List.of(source.replace(scalar, version.tag(), where));
    }

    private static Node child(YamlSource source, Node node, KeyPath path, int index) {
        String segment = path.segments().get(index);
        String parent = index == 0 ? "the top level" : path.prefix(index - 1);
        return switch (node) {
            case MappingNode mapping ->
                YamlSource.entry(mapping, segment)
                        .map(NodeTuple::getValueNode)
                        .orElseThrow(() -> missing(source, mapping, path, index, parent));
            case SequenceNode sequence -> item(source, sequence, path, index, parent);
            default ->
                throw StepFailure.invalid(source.file() + ": " + parent + " is a scalar, so it has no key '" + segment
                        + "' (key path " + path + ")");
        };
    }

    private static Node item(YamlSource source, SequenceNode sequence, KeyPath path, int index, String parent) {
        String segment = path.segments().get(index);
        int position;
        try {
            position = Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            throw StepFailure.invalid(source.file() + ": " + parent + " is a list; key path " + path
                    + " must give an index there, not '" + segment + "'");
        }
        if (position < 0 || position >= sequence.getValue().size()) {
            throw StepFailure.invalid(source.file() + ": " + parent + " has "
                    + sequence.getValue().size() + " items, no index " + position + " (key path " + path + ")");
        }
        return sequence.getValue().get(position);
    }

    private static StepFailure missing(YamlSource source, MappingNode mapping, KeyPath path, int index, String parent) {
        String segment = path.segments().get(index);
        if (YamlSource.inheritedThroughMerge(mapping, segment)) {
            return StepFailure.invalid(source.file() + ": " + path.prefix(index) + " is inherited through a merge key"
                    + " (<<) from an anchor shared with other keys; write " + segment + " explicitly under " + parent);
        }
        return new StepFailure(
                StepFailure.Kind.NOT_FOUND,
                false,
                source.file() + " has no key '" + segment + "' under " + parent + " (key path " + path
                        + "); check the plan's keyPath against the file");
    }
}
