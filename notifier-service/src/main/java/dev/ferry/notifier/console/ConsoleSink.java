package dev.ferry.notifier.console;

import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageRef;
import java.io.PrintStream;

/**
 * The default when no chat is configured: every message printed to the console, and every new state of the grid
 * unless updates are turned off.
 */
public final class ConsoleSink implements ChatSink {

    private final PrintStream out;
    private final boolean showUpdates;

    /** @param showUpdates whether an edit of an earlier message (the run's grid) is printed again */
    public ConsoleSink(PrintStream out, boolean showUpdates) {
        this.out = out;
        this.showUpdates = showUpdates;
    }

    @Override
    public MessageRef post(String channel, String text, String key) {
        out.println("[" + channel + "] " + text);
        return new MessageRef(channel, key);
    }

    @Override
    public MessageRef reply(MessageRef parent, String text, String key) {
        out.println("[" + parent.channel() + " > " + parent.ts() + "] " + text);
        return new MessageRef(parent.channel(), key);
    }

    @Override
    public void update(MessageRef message, String text) {
        if (!showUpdates) {
            return;
        }
        out.println("[" + message.channel() + " updated " + message.ts() + "] " + text);
    }

    @Override
    public String describe() {
        return "console";
    }
}
