package dev.ferry.planner.github;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * A {@link WebhookInbox} kept in memory: it remembers the last delivery ids (to answer redeliveries as duplicates) and
 * the last accepted deliveries (for tests and for a planner run without persistence). Both are bounded, so a
 * long-running process does not grow without limit; nothing survives a restart and nothing is published.
 */
public final class InMemoryWebhookInbox implements WebhookInbox {

    public static final int DEFAULT_REMEMBERED_IDS = 100_000;
    public static final int DEFAULT_KEPT_DELIVERIES = 1_000;

    private final int rememberedIds;
    private final int keptDeliveries;
    private final SequencedSet<String> seenIds = new LinkedHashSet<>();
    private final Deque<GithubDelivery> accepted = new ArrayDeque<>();

    public InMemoryWebhookInbox() {
        this(DEFAULT_REMEMBERED_IDS, DEFAULT_KEPT_DELIVERIES);
    }

    /**
     * @param rememberedIds how many of the latest delivery ids are recognised as duplicates
     * @param keptDeliveries how many of the latest accepted deliveries {@link #deliveries()} returns
     */
    public InMemoryWebhookInbox(int rememberedIds, int keptDeliveries) {
        if (rememberedIds < 1 || keptDeliveries < 0) {
            throw new IllegalArgumentException("rememberedIds must be at least 1 and keptDeliveries at least 0, got "
                    + rememberedIds + " and " + keptDeliveries);
        }
        this.rememberedIds = rememberedIds;
        this.keptDeliveries = keptDeliveries;
    }

    @Override
    public synchronized InboxResult accept(GithubDelivery delivery) {
        if (!seenIds.add(delivery.deliveryId())) {
            return InboxResult.DUPLICATE;
        }
        if (seenIds.size() > rememberedIds) {
            seenIds.removeFirst();
        }
        accepted.addLast(delivery);
        if (accepted.size() > keptDeliveries) {
            accepted.removeFirst();
        }
        return InboxResult.ACCEPTED;
    }

    /** The latest accepted deliveries, oldest first. */
    public synchronized List<GithubDelivery> deliveries() {
        return List.copyOf(accepted);
    }
}
