package dev.ferry.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.http.ServerSentEvents.Event;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private static List<Event> read(String... lines) {
        var events = new ServerSentEvents();
        return Stream.of(lines).map(events::accept).flatMap(Optional::stream).toList();
    }

    @Test
    void aBlankLineEndsAnEventWithItsNameDataAndId() {
        assertThat(read("event: migration", "id: 7", "data: {\"a\":1}", ""))
                .containsExactly(new Event("migration", "{\"a\":1}", "7"));
    }

    @Test
    void dataLinesAreJoinedWithNewlinesAndTheSpaceAfterTheColonIsOptional() {
        assertThat(read("event:migration", "data: {\"a\":", "data:1}", ""))
                .containsExactly(new Event("migration", "{\"a\":\n1}", null));
    }

    @Test
    void commentsAndUnknownFieldsAreIgnoredAndAnUnnamedEventIsAMessage() {
        assertThat(read(": keep-alive", "retry: 1000", "colour: blue", "data: hi", "", ""))
                .containsExactly(new Event("message", "hi", null));
    }

    @Test
    void anEventNameDoesNotCarryOverToTheNextEvent() {
        assertThat(read("event: migration", "data: 1", "", "data: 2", ""))
                .extracting(Event::name)
                .containsExactly("migration", "message");
    }

    @Test
    void anEventCutOffBeforeItsBlankLineIsNotDispatched() {
        assertThat(read("event: migration", "data: {\"half\":")).isEmpty();
    }
}
