package dev.ferry.notifier.domain;

/**
 * The run's parent message in one configured channel.
 *
 * @param channel the channel as configured (a name such as #migrations, or an id)
 * @param parent where the parent was posted, with the channel as the sink answered it (Slack answers its id, which
 *     chat.update requires); null until it is posted
 * @param shownVersion the board version the parent shows
 */
public record ChatThread(String channel, MessageRef parent, int shownVersion) {

    public boolean open() {
        return parent != null;
    }
}
