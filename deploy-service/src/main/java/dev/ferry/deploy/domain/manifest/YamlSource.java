package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.StepFailure;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The text of one YAML file together with its node tree, whose marks tell where each scalar sits in the text. Edits are
 * made on the text at those positions; the tree is only read, never dumped, which is what keeps comments, order,
 * quoting and indentation exactly as a person wrote them.
 */
final class YamlSource {

    private final String file;
    private final String text;
    private final List<Node> documents;
    private final Map<Node, Integer> occurrences = new IdentityHashMap<>();

    private YamlSource(String file, String text, List<Node> documents) {
        this.file = file;
        this.text = text;
        this.documents = documents;
        documents.forEach(this::count);
    }

    static YamlSource parse(String file, String text) {
        var options = new LoaderOptions();
        options.setProcessComments(false);
        try {
            var documents = new ArrayList<Node>();
            new Yaml(options).composeAll(new StringReader(text)).forEach(documents::add);
            return new YamlSource(file, text, documents);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String at = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw StepFailure.invalid(file + " is not valid YAML" + at + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw StepFailure.invalid(file + " is not valid YAML: " + e.getMessage());
        }
    }

    String file() {
        return file;
    }

    String text() {
        return text;
    }

    List<Node> documents() {
        return documents;
    }

    /** The value under {@code key} in a mapping, not following merge keys ({@code <<}). */
    static Optional<NodeTuple> entry(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t ->
                        t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .findFirst();
    }

    static Optional<Node> value(Node node, String key) {
        return node instanceof MappingNode m ? entry(m, key).map(NodeTuple::getValueNode) : Optional.empty();
    }

    static Optional<String> scalar(Node node, String key) {
        return value(node, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }

    static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of();
    }

    /** Whether the value under {@code key} would only come from a merge key, so there is no text of its own to edit. */
    static boolean inheritedThroughMerge(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t ->
                        t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("<<"))
                .map(NodeTuple::getValueNode)
                .flatMap(v -> v instanceof SequenceNode s ? s.getValue().stream() : Stream.of(v))
                .anyMatch(m ->
                        m instanceof MappingNode merged && entry(merged, key).isPresent());
    }

    /** Replaces the scalar's value, keeping its anchor, tag and quoting style. */
    Splice replace(ScalarNode node, String newValue, String where) {
        requireOwnText(node, where);
        int start = offset(node.getStartMark().getIndex());
        int end = offset(node.getEndMark().getIndex());
        start = skipAnchorAndTag(start, end);
        return new Splice(start, end, ScalarRendering.render(newValue, node.getScalarStyle(), where));
    }

    /**
     * Replaces the scalar's value with a whole number: digits where it was plain (a weight must stay a number), in its
     * quotes where it was quoted (an annotation must stay a string).
     */
    Splice replaceNumber(ScalarNode node, int number, String where) {
        if (node.getScalarStyle() != ScalarStyle.PLAIN) {
            return replace(node, Integer.toString(number), where);
        }
        requireOwnText(node, where);
        int start = skipAnchorAndTag(
                offset(node.getStartMark().getIndex()), offset(node.getEndMark().getIndex()));
        return new Splice(start, offset(node.getEndMark().getIndex()), Integer.toString(number));
    }

    /**
     * Inserts {@code key: value} as a new line in a block mapping, right after the line that holds {@code after}, with
     * the same indentation as {@code after}'s key.
     */
    Splice insertAfter(MappingNode mapping, NodeTuple after, String key, String value, String where) {
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            throw StepFailure.invalid(
                    where + " is a flow mapping ({...}); add " + key + " yourself or use block style");
        }
        int column = after.getKeyNode().getStartMark().getColumn();
        int lineEnd =
                text.indexOf('\n', offset(after.getValueNode().getEndMark().getIndex()));
        int insertAt = lineEnd < 0 ? text.length() : lineEnd;
        String newline = insertAt > 0 && text.charAt(insertAt - 1) == '\r' ? "\r\n" : "\n";
        if (newline.length() == 2) {
            insertAt--;
        }
        String line =
                newline + " ".repeat(column) + key + ": " + ScalarRendering.render(value, ScalarStyle.PLAIN, where);
        return new Splice(insertAt, insertAt, line);
    }

    /** Removes the whole line that holds {@code entry} of a block mapping (key, value and any comment after it). */
    Splice removeLine(NodeTuple entry, String where) {
        requireOwnText(entry.getValueNode(), where);
        int keyStart = offset(entry.getKeyNode().getStartMark().getIndex());
        int lineStart = text.lastIndexOf('\n', keyStart - 1);
        int lineEnd =
                text.indexOf('\n', offset(entry.getValueNode().getEndMark().getIndex()));
        return lineStart < 0
                ? new Splice(0, lineEnd < 0 ? text.length() : lineEnd + 1, "")
                : new Splice(lineStart, lineEnd < 0 ? text.length() : lineEnd, "");
    }

    /** Refuses a value shared through an anchor and aliases: changing it would change every place that uses it. */
    private void requireOwnText(Node node, String where) {
        int uses = occurrences.getOrDefault(node, 1);
        if (uses > 1) {
            throw StepFailure.invalid(where + " is shared through a YAML anchor (line "
                    + (node.getStartMark().getLine() + 1) + ") used in " + uses
                    + " places; editing it would change all of them. Write this value on its own.");
        }
    }

    private int skipAnchorAndTag(int start, int end) {
        int at = start;
        while (at < end && (text.charAt(at) == '&' || text.charAt(at) == '!')) {
            while (at < end && !Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            while (at < end && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
        return at;
    }

    /** SnakeYAML marks count code points; Java strings count UTF-16 units (an emoji in a comment is two). */
    private int offset(int codePointIndex) {
        return text.offsetByCodePoints(0, codePointIndex);
    }

    private void count(Node node) {
        int seen = occurrences.merge(node, 1, Integer::sum);
        if (seen > 1) {
            return;
        }
        switch (node) {
            case MappingNode m ->
                m.getValue().forEach(t -> {
                    count(t.getKeyNode());
                    count(t.getValueNode());
                });
            case SequenceNode s -> s.getValue().forEach(this::count);
            default -> {}
        }
    }
}
