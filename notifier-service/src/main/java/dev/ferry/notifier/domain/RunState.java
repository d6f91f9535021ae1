package dev.ferry.notifier.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * All the notifier remembers about one run: its grid, the ids of the events it has taken in, the messages still to
 * post, and its parent message per channel. Kept durably after every change, so a restart neither repeats nor loses a
 * message.
 */
public record RunState(
        String migrationId,
        RunBoard board,
        Set<String> handledEvents,
        List<Delivery> pending,
        List<ChatThread> threads) {

    public RunState {
        handledEvents = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(handledEvents));
        pending = List.copyOf(pending);
        threads = List.copyOf(threads);
    }

    public static RunState start(String migrationId) {
        return new RunState(migrationId, RunBoard.empty(migrationId), Set.of(), List.of(), List.of());
    }

    public boolean handled(String eventId) {
        return handledEvents.contains(eventId);
    }

    public boolean hasWork() {
        return !(next() instanceof NextStep.Nothing);
    }

    /** The next step to take; {@link NextStep.Nothing} when every message is posted and every grid is current. */
    public NextStep next() {
        for (ChatThread thread : threads) {
            if (!thread.open()) {
                return new NextStep.OpenThread(thread.channel());
            }
        }
        if (!pending.isEmpty()) {
            Delivery delivery = pending.getFirst();
            return new NextStep.Post(
                    delivery, delivery.threaded() ? thread(delivery.channel()).parent() : null);
        }
        for (ChatThread thread : threads) {
            if (thread.shownVersion() < board.version()) {
                return new NextStep.ShowGrid(thread);
            }
        }
        return new NextStep.Nothing();
    }

    /** This state after the event's reaction: its grid, its deliveries queued, and the threads they need. */
    RunState taking(String eventId, RunBoard newBoard, List<Delivery> deliveries, String homeChannel) {
        var events = new LinkedHashSet<>(handledEvents);
        events.add(eventId);
        var queued = new ArrayList<>(pending);
        deliveries.forEach(d -> queued.add(positionFor(queued, d), d));
        var withThreads = new RunState(migrationId, newBoard, events, queued, threads).withThread(homeChannel);
        for (Delivery d : deliveries) {
            if (d.threaded()) {
                withThreads = withThreads.withThread(d.channel());
            }
        }
        return withThreads;
    }

    /**
     * Events of one run arrive over several topics and partitions, so a backlog is read out of order; messages still
     * waiting are kept in the order their events happened (ties keep arrival order).
     */
    private static int positionFor(List<Delivery> queued, Delivery delivery) {
        int at = queued.size();
        while (at > 0 && queued.get(at - 1).occurredAt().isAfter(delivery.occurredAt())) {
            at--;
        }
        return at;
    }

    public RunState threadOpened(String channel, MessageRef parent, int shownVersion) {
        return withThreads(t -> t.channel().equals(channel), new ChatThread(channel, parent, shownVersion));
    }

    public RunState gridShown(String channel, int version) {
        ChatThread thread = thread(channel);
        return withThreads(
                t -> t.channel().equals(channel),
                new ChatThread(channel, thread.parent(), Math.max(version, thread.shownVersion())));
    }

    public RunState delivered(String deliveryId) {
        return new RunState(
                migrationId,
                board,
                handledEvents,
                pending.stream().filter(d -> !d.id().equals(deliveryId)).toList(),
                threads);
    }

    /** Gives up on a channel Slack refuses for good: its parent and every message still queued for it. */
    public RunState abandonChannel(String channel) {
        return new RunState(
                migrationId,
                board,
                handledEvents,
                pending.stream().filter(d -> !d.channel().equals(channel)).toList(),
                threads.stream().filter(t -> !t.channel().equals(channel)).toList());
    }

    private RunState withThread(String channel) {
        if (threads.stream().anyMatch(t -> t.channel().equals(channel))) {
            return this;
        }
        var more = new ArrayList<>(threads);
        more.add(new ChatThread(channel, null, 0));
        return new RunState(migrationId, board, handledEvents, pending, more);
    }

    private RunState withThreads(Predicate<ChatThread> which, ChatThread replacement) {
        var replaced =
                threads.stream().map(t -> which.test(t) ? replacement : t).toList();
        return new RunState(migrationId, board, handledEvents, pending, replaced);
    }

    private ChatThread thread(String channel) {
        return threads.stream()
                .filter(t -> t.channel().equals(channel))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("run " + migrationId + " has no thread in " + channel));
    }
}
