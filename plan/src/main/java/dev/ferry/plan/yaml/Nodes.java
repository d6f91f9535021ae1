package dev.ferry.plan.yaml;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Typed reads of single YAML nodes, each reporting a wrong type at the node and returning empty. */
final class Nodes {

    private Nodes() {}

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    static Optional<List<Node>> sequence(Node node, String path, Problems problems) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        problems.add(node, path, "expected a list (lines starting with -), found " + describe(node));
        return Optional.empty();
    }

    static Optional<Integer> integer(Node node, String path, Problems problems) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                return Optional.of(Integer.valueOf(scalar.getValue().replace("_", "")));
            } catch (NumberFormatException tooLarge) {
                problems.add(node, path, "\"" + scalar.getValue() + "\" is too large");
                return Optional.empty();
            }
        }
        problems.add(node, path, "expected a whole number, found " + describe(node));
        return Optional.empty();
    }

    static Optional<Double> number(Node node, String path, Problems problems) {
        if (node instanceof ScalarNode scalar
                && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
            try {
                return Optional.of(Double.valueOf(scalar.getValue().replace("_", "")));
            } catch (NumberFormatException notDecimal) {
                problems.add(node, path, "\"" + scalar.getValue() + "\" is not a decimal number such as 2 or 1.5");
                return Optional.empty();
            }
        }
        problems.add(node, path, "expected a number, found " + describe(node));
        return Optional.empty();
    }

    static Optional<Boolean> bool(Node node, String path, Problems problems) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Optional.of(
                    switch (scalar.getValue().toLowerCase(Locale.ROOT)) {
                        case "true", "yes", "on", "y" -> true;
                        default -> false;
                    });
        }
        problems.add(node, path, "expected true or false, found " + describe(node));
        return Optional.empty();
    }

    /** What a node is, for "expected X, found Y" messages: {@code a list}, {@code "three"}. */
    static String describe(Node node) {
        return switch (node) {
            case MappingNode mapping -> "a mapping";
            case SequenceNode sequence -> "a list";
            case ScalarNode scalar when scalar.getTag().equals(Tag.NULL) -> "nothing";
            case ScalarNode scalar -> "\"" + scalar.getValue() + "\"";
            default -> "a " + node.getNodeId();
        };
    }
}
