package dev.ferry.deploy.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to one value in a YAML tree, written as Helm users write it: {@code images.userService.tag}. A segment that is
 * a number indexes a sequence ({@code containers.0.image}); a dot inside a key is written {@code \.}.
 */
public record KeyPath(List<String> segments) {

    public KeyPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
            throw StepFailure.invalid("key path " + String.join(".", segments) + " has an empty segment");
        }
    }

    public static KeyPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw StepFailure.invalid("key path is blank; give one such as image.tag");
        }
        var segments = new ArrayList<String>();
        var current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '.') {
                current.append('.');
                i++;
            } else if (c == '.') {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        segments.add(current.toString());
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw StepFailure.invalid("key path '" + text + "' has an empty segment");
        }
        return new KeyPath(segments);
    }

    /** The path up to and including segment {@code index}, for messages that say how far a lookup got. */
    public String prefix(int index) {
        return String.join(".", segments.subList(0, index + 1));
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
