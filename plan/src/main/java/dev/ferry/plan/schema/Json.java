package dev.ferry.plan.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object whose members keep the order they were put in, written as indented text. Enough for the plan's JSON
 * Schema, so the plan module needs no JSON library: values are strings, integers, booleans, lists of those, and
 * other {@code Json} objects.
 */
final class Json {

    private static final String INDENT = "  ";

    private final Map<String, Object> members = new LinkedHashMap<>();

    private Json() {}

    static Json object() {
        return new Json();
    }

    /** Adds or replaces a member; the value must be one of the kinds the class comment lists. */
    Json put(String key, Object value) {
        members.put(key, value);
        return this;
    }

    /** Adds every member of {@code other}, in its order. */
    Json putAll(Json other) {
        members.putAll(other.members);
        return this;
    }

    List<String> keys() {
        return List.copyOf(members.keySet());
    }

    /** Two-space indented text; lists of plain values stay on one line. */
    String write() {
        var out = new StringBuilder();
        write(this, out, "");
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        switch (value) {
            case Json json -> writeObject(json, out, indent);
            case List<?> list -> writeList(list, out, indent);
            case String text -> writeString(text, out);
            case Integer number -> out.append(number);
            case Boolean flag -> out.append(flag);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void writeObject(Json json, StringBuilder out, String indent) {
        if (json.members.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + INDENT;
        out.append("{\n");
        var first = true;
        for (Map.Entry<String, Object> member : json.members.entrySet()) {
            out.append(first ? "" : ",\n").append(inner);
            writeString(member.getKey(), out);
            out.append(": ");
            write(member.getValue(), out, inner);
            first = false;
        }
        out.append('\n').append(indent).append('}');
    }

    private static void writeList(List<?> list, StringBuilder out, String indent) {
        boolean flat = list.stream().noneMatch(item -> item instanceof Json || item instanceof List);
        String inner = indent + INDENT;
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "" : ",").append(flat ? (i == 0 ? "" : " ") : "\n" + inner);
            write(list.get(i), out, inner);
        }
        out.append(flat || list.isEmpty() ? "" : "\n" + indent).append(']');
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
