package dev.ferry.cli.http;

import java.util.Optional;

/**
 * Reads a Server-Sent Events stream line by line (the WHATWG event-stream format): {@code event:}, {@code data:} (lines
 * joined with newlines), {@code id:}; comments and unknown fields ignored; a blank line ends an event.
 */
final class ServerSentEvents {

    /** @param name the event's type; "message" when the server named none */
    record Event(String name, String data, String id) {}

    private String name;
    private StringBuilder data;
    private String id;

    /** Feeds one line (without its line terminator); returns the event the line completed, if any. */
    Optional<Event> accept(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "data" ->
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            case "id" -> id = value;
            default -> {
                // "retry" and unknown fields: the CLI reconnects on its own terms.
            }
        }
        return Optional.empty();
    }

    // An event the stream ends in before its blank line is never dispatched, as the format says.
    private Optional<Event> dispatch() {
        Optional<Event> event = data == null
                ? Optional.empty()
                : Optional.of(new Event(name == null || name.isEmpty() ? "message" : name, data.toString(), id));
        name = null;
        data = null;
        return event;
    }
}
