package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.StepFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads values out of a compose file's node tree, interpolating every scalar, and says {@code file:line} in each
 * error. SnakeYAML's nodes never leave this package.
 */
final class ComposeNodes {

    private final String file;
    private final Interpolation interpolation;

    ComposeNodes(String file, Interpolation interpolation) {
        this.file = file;
        this.interpolation = interpolation;
    }

    String file() {
        return file;
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    String where(Node node) {
        return file + ":" + line(node);
    }

    /** The entries of a mapping by key, in file order; an error naming {@code what} when the node is no mapping. */
    Map<String, Node> mapping(Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            throw StepFailure.invalid(where(node) + ": " + what + " must be a mapping");
        }
        var entries = new LinkedHashMap<String, Node>();
        for (NodeTuple t : m.getValue()) {
            entries.put(plain(t.getKeyNode(), what + " key"), t.getValueNode());
        }
        return entries;
    }

    /** The items of a sequence; an error naming {@code what} when the node is no sequence. */
    List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode s)) {
            throw StepFailure.invalid(where(node) + ": " + what + " must be a list");
        }
        return s.getValue();
    }

    /** A scalar, interpolated. */
    String text(Node node, String what) {
        return interpolation.apply(plain(node, what), where(node));
    }

    /** A scalar that is a key, or null (~), not interpolated. */
    String plain(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw StepFailure.invalid(where(node) + ": " + what + " must be a single value, not a list or mapping");
        }
        return s.getValue();
    }

    boolean isNull(Node node) {
        return node instanceof ScalarNode s
                && (s.getValue().isEmpty()
                        || s.getValue().equals("null")
                        || s.getValue().equals("~"))
                && s.getTag().getValue().endsWith(":null");
    }

    /** A list of words: a sequence as it is, a single text split as Compose splits it. */
    List<String> words(Node node, String what) {
        if (node instanceof ScalarNode) {
            return ComposeUnits.words(text(node, what));
        }
        var words = new ArrayList<String>();
        sequence(node, what).forEach(n -> words.add(text(n, what)));
        return words;
    }

    /** A list of texts: a sequence of scalars, or one scalar. */
    List<String> texts(Node node, String what) {
        if (node instanceof ScalarNode) {
            return List.of(text(node, what));
        }
        return sequence(node, what).stream().map(n -> text(n, what)).toList();
    }

    int number(Node node, String what) {
        String t = text(node, what);
        try {
            return Integer.parseInt(t.strip());
        } catch (NumberFormatException e) {
            throw StepFailure.invalid(where(node) + ": " + what + " '" + t + "' is not a whole number");
        }
    }

    boolean flag(Node node, String what) {
        String t = text(node, what).strip();
        return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("yes");
    }

    /** The text under {@code key}, or {@code fallback} when the mapping has none. */
    String text(Map<String, Node> entries, String key, String fallback) {
        return get(entries, key).map(n -> text(n, key)).orElse(fallback);
    }

    /** The yes or no under {@code key}, or {@code fallback} when the mapping has none. */
    boolean flag(Map<String, Node> entries, String key, boolean fallback) {
        return get(entries, key).map(n -> flag(n, key)).orElse(fallback);
    }

    static Optional<Node> get(Map<String, Node> entries, String key) {
        return Optional.ofNullable(entries.get(key));
    }
}
