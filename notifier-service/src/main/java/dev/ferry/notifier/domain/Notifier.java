package dev.ferry.notifier.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Takes an event into a run's state: updates the grid, words the replies the event calls for with the configured
 * templates, and routes each to its channel (and alerts to the alerts channel). An event already taken in changes
 * nothing, so Kafka's redeliveries never post twice.
 */
public final class Notifier {

    private final Routing routing;
    private final MessageTemplates templates;

    public Notifier(Routing routing, MessageTemplates templates) {
        this.routing = Objects.requireNonNull(routing, "routing");
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    public RunState accept(RunState state, MigrationEvent event) {
        String eventId = event.ref().eventId();
        if (state.handled(eventId)) {
            return state;
        }
        Reaction reaction = Reactions.to(state.board(), event);
        String plan = reaction.board().planName();
        var deliveries = new ArrayList<Delivery>();
        List<Reply> replies = reaction.replies();
        for (int i = 0; i < replies.size(); i++) {
            deliveries.addAll(route(eventId + "#" + i, event.ref(), plan, replies.get(i)));
        }
        return state.taking(eventId, reaction.board(), deliveries, routing.channelFor(plan, null));
    }

    private List<Delivery> route(String id, EventRef event, String plan, Reply reply) {
        String text = templates.render(reply.kind(), reply.values());
        String channel = routing.channelFor(plan, reply.environment());
        var deliveries = new ArrayList<Delivery>();
        deliveries.add(new Delivery(id, event.eventId(), reply.kind(), channel, true, text, event.occurredAt()));
        routing.alertsChannel()
                .filter(alerts -> reply.alert() && !alerts.equals(channel))
                .ifPresent(alerts -> deliveries.add(new Delivery(
                        id + "-alert",
                        event.eventId(),
                        reply.kind(),
                        alerts,
                        false,
                        alertText(reply, text),
                        event.occurredAt())));
        return deliveries;
    }

    /** An alert stands alone in its channel, so it says which run it is about. */
    private static String alertText(Reply reply, String text) {
        String plan = reply.values().getOrDefault("plan", "");
        String run = reply.values().getOrDefault("migrationId", "");
        return "[" + (plan.isEmpty() ? "" : plan + " · ") + run + "] " + text;
    }
}
