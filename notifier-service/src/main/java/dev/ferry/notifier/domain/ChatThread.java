package dev.ferry.notifier.domain;

/**
 * The run's parent message in one channel.
 *
 * @param ts Slack's timestamp of the parent, null until it is posted
 * @param shownVersion the board version the parent shows
 */
public record ChatThread(String channel, String ts, int shownVersion) {

    public boolean open() {
        return ts != null;
    }

    public MessageRef ref() {
        return new MessageRef(channel, ts);
    }
}
