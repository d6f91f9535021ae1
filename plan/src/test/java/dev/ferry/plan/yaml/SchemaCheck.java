package dev.ferry.plan.yaml;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.ferry.plan.schema.PlanSchema;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates plan texts against {@link PlanSchema#generate()}. The YAML becomes a JSON tree the way the reader sees it
 * (SnakeYAML's node tags: {@code yes} is true, {@code 080} a number, aliases expanded), so a disagreement between
 * schema and reader is one of rules, not of parsing.
 */
final class SchemaCheck {

    /** One complaint of the schema, at a path written like the reader's ({@code spec.phases[1].environment}). */
    record Complaint(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(PlanSchema.generate());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaCheck() {}

    /** What the schema says is wrong with the plan; empty when it passes. */
    static List<Complaint> complaints(String yaml) {
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        return SCHEMA.validate(tree(root)).stream().map(SchemaCheck::complaint).toList();
    }

    /**
     * What the schema says when the YAML is read as editors read it (YAML 1.2, where {@code yes} is text), for plans
     * meant to show no error in an editor either.
     */
    static List<Complaint> editorComplaints(String yaml) {
        return SCHEMA.validate(yaml, InputFormat.YAML).stream()
                .map(SchemaCheck::complaint)
                .toList();
    }

    static JsonNode tree(Node node) {
        return switch (node) {
            case MappingNode mapping -> object(mapping);
            case SequenceNode sequence -> array(sequence);
            case ScalarNode scalar -> scalar(scalar);
            default -> throw new IllegalArgumentException("unexpected YAML node " + node.getNodeId());
        };
    }

    private static ObjectNode object(MappingNode mapping) {
        ObjectNode object = NODES.objectNode();
        for (NodeTuple tuple : mapping.getValue()) {
            object.set(((ScalarNode) tuple.getKeyNode()).getValue(), tree(tuple.getValueNode()));
        }
        return object;
    }

    private static ArrayNode array(SequenceNode sequence) {
        ArrayNode array = NODES.arrayNode();
        sequence.getValue().forEach(item -> array.add(tree(item)));
        return array;
    }

    /** As {@code Nodes} reads scalars; a number Java cannot parse (0x1f, .inf) stays text, as the reader refuses it. */
    private static JsonNode scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return NODES.nullNode();
            } else if (tag.equals(Tag.BOOL)) {
                return NODES.booleanNode(List.of("true", "yes", "on", "y").contains(text.toLowerCase(Locale.ROOT)));
            } else if (tag.equals(Tag.INT)) {
                return NODES.numberNode(new BigInteger(text.replace("_", "")));
            } else if (tag.equals(Tag.FLOAT)) {
                return NODES.numberNode(new BigDecimal(text.replace("_", "")));
            }
        } catch (NumberFormatException notJava) {
            return NODES.stringNode(text);
        }
        return NODES.stringNode(text);
    }

    private static Complaint complaint(Error error) {
        return new Complaint(path(error.getInstanceLocation()), error.getMessage());
    }

    private static String path(NodePath location) {
        var path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return path.toString();
    }
}
