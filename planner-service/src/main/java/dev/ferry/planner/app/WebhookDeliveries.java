package dev.ferry.planner.app;

import dev.ferry.plan.ServiceDefinition;
import dev.ferry.planner.app.RunHeader.DeliveryOrigin;
import dev.ferry.planner.domain.run.ContinuousDelivery;
import dev.ferry.planner.domain.run.MigrationRun;
import dev.ferry.planner.domain.run.RunState;
import dev.ferry.planner.github.GithubDelivery;
import dev.ferry.planner.github.InboxResult;
import dev.ferry.planner.github.WebhookInbox;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The planner's GitHub inbox: each delivery is recorded once, with its {@code github.webhooks} event, and a push to
 * the default branch of a repository that a finished migration created starts that service's continuous delivery.
 */
public final class WebhookDeliveries implements WebhookInbox {

    private final RunStore store;
    private final EffectEncoder encoder;
    private final RunCoordinator coordinator;

    public WebhookDeliveries(RunStore store, EffectEncoder encoder, RunCoordinator coordinator) {
        this.store = store;
        this.encoder = encoder;
        this.coordinator = coordinator;
    }

    @Override
    public InboxResult accept(GithubDelivery delivery) {
        // Delivery first, record second: a crash in between leaves the record missing, so GitHub's redelivery
        // comes through again and finds the delivery run already started (its id derives from the delivery's).
        if (delivery.isPushToDefaultBranch() && delivery.headCommit() != null) {
            migratedService(delivery).ifPresent(origin -> {
                String runId = UUID.nameUUIDFromBytes(
                                ("delivery:" + delivery.deliveryId()).getBytes(StandardCharsets.UTF_8))
                        .toString();
                coordinator.deliver(runId, origin, Cause.internal(runId));
            });
        }
        boolean fresh = store.recordDelivery(
                delivery.deliveryId(),
                delivery.eventType(),
                delivery.repository(),
                delivery.payload(),
                encoder.webhook(delivery));
        return fresh ? InboxResult.ACCEPTED : InboxResult.DUPLICATE;
    }

    /** The newest finished migration that created this repository, and the service it belongs to. */
    private Optional<DeliveryOrigin> migratedService(GithubDelivery delivery) {
        for (RunHeader header : coordinator.headers()) {
            if (header.state() != RunState.SUCCEEDED || header.origin() != null) {
                continue;
            }
            Optional<MigrationRun> run = coordinator.run(header.id());
            if (run.isEmpty()) {
                continue;
            }
            for (ServiceDefinition service : run.get().plan().services()) {
                if (ContinuousDelivery.isDeliveryPush(service, delivery.repository(), delivery.ref())) {
                    return Optional.of(new DeliveryOrigin(header.id(), service.name(), delivery.headCommit()));
                }
            }
        }
        return Optional.empty();
    }
}
