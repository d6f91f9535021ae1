package dev.ferry.notifier.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.notifier.domain.MessageRef;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleSinkTest {

    @Test
    void printsMessagesRepliesAndGridUpdates() {
        var bytes = new ByteArrayOutputStream();
        var sink = new ConsoleSink(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        MessageRef parent = sink.post("#ferry", "grid v1", "run:m-1");
        sink.reply(parent, "Phase *split* started", "e1#0");
        sink.update(parent, "grid v2");

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "[#ferry] grid v1\n[#ferry > run:m-1] Phase *split* started\n[#ferry updated run:m-1] grid v2\n"
                                .replace("\n", System.lineSeparator()));
    }

    @Test
    void leavesGridUpdatesOutWhenAskedTo() {
        var bytes = new ByteArrayOutputStream();
        var sink = new ConsoleSink(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        MessageRef parent = sink.post("#ferry", "grid v1", "run:m-1");
        sink.update(parent, "grid v2");
        sink.reply(parent, "Phase *split* started", "e1#0");

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("[#ferry] grid v1\n[#ferry > run:m-1] Phase *split* started\n"
                        .replace("\n", System.lineSeparator()));
    }
}
