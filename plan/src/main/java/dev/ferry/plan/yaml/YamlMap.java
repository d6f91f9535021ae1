package dev.ferry.plan.yaml;

import dev.ferry.plan.DidYouMean;
import dev.ferry.plan.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One YAML mapping of the plan, read field by field. Every getter reports what is wrong (wrong type, bad value) at the
 * value's position and returns empty, so the reader goes on and finds every other problem too.
 */
final class YamlMap {

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(MappingNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            addEntry(tuple);
        }
    }

    /** The mapping at {@code node}, or empty (with a problem) when it is something else. */
    static Optional<YamlMap> of(Node node, String path, Problems problems) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(mapping, path, problems));
        }
        problems.add(node, path, "expected a mapping (key: value lines), found " + Nodes.describe(node));
        return Optional.empty();
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    /** The path of one of this mapping's fields. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reports every key not in {@code fields}, suggesting the closest known one. */
    void allowOnly(List<String> fields) {
        entries.forEach((key, tuple) -> {
            if (!fields.contains(key)) {
                problems.add(
                        tuple.getKeyNode(),
                        path(key),
                        "unknown field \"" + key + "\"" + DidYouMean.hint(key, fields) + "; known here: "
                                + String.join(", ", fields));
            }
        });
    }

    /** The value of {@code key}; empty when the key is absent or its value is null ({@code key:} or {@code ~}). */
    Optional<Node> value(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null || Nodes.isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    Optional<Located<String>> string(String key) {
        return value(key).flatMap(value -> scalar(value, path(key), "plain text")
                .map(text -> new Located<>(text, value, path(key))));
    }

    /** A string that must be present and not blank; {@code what} says what it is for in the problem. */
    Optional<Located<String>> requiredString(String key, String what) {
        if (!has(key)) {
            missing(key, what);
            return Optional.empty();
        }
        Optional<Located<String>> text = string(key);
        if (text.isPresent() && text.get().value().isBlank()) {
            problems.add(text.get().node(), path(key), "is empty; give " + what);
            return Optional.empty();
        }
        return text;
    }

    /** Reports a required field that is absent, at the start of this mapping. */
    void missing(String key, String what) {
        problems.add(node, path(key), "required field \"" + key + "\" is missing; give " + what);
    }

    String text(String key) {
        return string(key).map(Located::value).orElse(null);
    }

    Optional<Integer> integer(String key) {
        return value(key).flatMap(value -> Nodes.integer(value, path(key), problems));
    }

    Optional<Double> number(String key) {
        return value(key).flatMap(value -> Nodes.number(value, path(key), problems));
    }

    Optional<Boolean> bool(String key) {
        return value(key).flatMap(value -> Nodes.bool(value, path(key), problems));
    }

    Optional<Duration> duration(String key) {
        return value(key).flatMap(value -> {
            Optional<String> text = scalar(value, path(key), "a duration such as 30s");
            Optional<Duration> duration = text.flatMap(DurationText::parse);
            if (text.isPresent() && duration.isEmpty()) {
                problems.add(
                        value,
                        path(key),
                        "\"" + text.get() + "\" is not a duration; write a number with a unit: 500ms, 30s, 2m, 1h, 2d"
                                + " or a sum such as 1m30s");
            }
            return duration;
        });
    }

    /** One of {@code options} (keyed by how it is written), suggesting the closest one for a typo. */
    <E> Optional<Located<E>> choice(String key, Map<String, E> options) {
        return string(key).flatMap(text -> {
            E chosen = options.get(text.value());
            if (chosen == null) {
                problems.add(
                        text.node(),
                        text.path(),
                        "unknown value \"" + text.value() + "\"" + DidYouMean.hint(text.value(), options.keySet())
                                + "; use one of " + String.join(", ", options.keySet()));
                return Optional.empty();
            }
            return Optional.of(new Located<>(chosen, text.node(), text.path()));
        });
    }

    Optional<YamlMap> map(String key) {
        return value(key).flatMap(value -> of(value, path(key), problems));
    }

    /** A list of mappings, such as {@code services}; each element's path is {@code key[i]}. */
    List<YamlMap> maps(String key) {
        var maps = new ArrayList<YamlMap>();
        value(key).flatMap(value -> Nodes.sequence(value, path(key), problems)).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                of(items.get(i), path(key) + "[" + i + "]", problems).ifPresent(maps::add);
            }
        });
        return maps;
    }

    /** A list of strings; a single string is read as a list of one, since that is what its author meant. */
    Optional<List<Located<String>>> strings(String key) {
        return value(key).map(value -> {
            if (value instanceof ScalarNode) {
                return scalar(value, path(key), "plain text")
                        .map(text -> List.of(new Located<>(text, value, path(key))))
                        .orElse(List.of());
            }
            var strings = new ArrayList<Located<String>>();
            Nodes.sequence(value, path(key), problems).ifPresent(items -> {
                for (Node item : items) {
                    scalar(item, path(key), "plain text")
                            .ifPresent(text -> strings.add(new Located<>(text, item, path(key))));
                }
            });
            return strings;
        });
    }

    /** A mapping of names to scalar values (parameters, build arguments), values as text. */
    Optional<Map<String, Located<String>>> scalars(String key) {
        return map(key).map(inner -> {
            var values = new LinkedHashMap<String, Located<String>>();
            inner.entries.forEach((name, tuple) -> {
                Node value = tuple.getValueNode();
                String valuePath = inner.path(name);
                String text = Nodes.isNull(value)
                        ? ""
                        : scalar(value, valuePath, "plain text").orElse(null);
                if (text != null) {
                    values.put(name, new Located<>(text, tuple.getKeyNode(), valuePath));
                }
            });
            return values;
        });
    }

    private Optional<String> scalar(Node value, String at, String expected) {
        if (value instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problems.add(value, at, "expected " + expected + ", found " + Nodes.describe(value));
        return Optional.empty();
    }

    private void addEntry(NodeTuple tuple) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode key)) {
            problems.add(keyNode, path, "a key must be plain text, found " + Nodes.describe(keyNode));
            return;
        }
        if (key.getValue().equals("<<")) {
            problems.add(
                    keyNode,
                    path("<<"),
                    "YAML merge keys (<<) are not supported; put shared settings in spec.defaults instead");
            return;
        }
        NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
        if (first != null) {
            problems.add(
                    keyNode,
                    path(key.getValue()),
                    "duplicate key \"" + key.getValue() + "\" (first at line "
                            + (first.getKeyNode().getStartMark().getLine() + 1) + "); keep one");
        }
    }
}
