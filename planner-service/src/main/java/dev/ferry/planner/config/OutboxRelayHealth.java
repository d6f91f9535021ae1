package dev.ferry.planner.config;

import dev.ferry.planner.outbox.OutboxRelay;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The outbox relay in the planner's health: DOWN while a failure stopped it (it restarts by itself, and the planner
 * publishes nothing meanwhile), UP while it streams, and UP as a standby while another planner's relay holds the slot.
 */
final class OutboxRelayHealth implements HealthIndicator {

    private final OutboxRelay relay;

    OutboxRelayHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public Health health() {
        OutboxRelay.Status status = relay.status();
        Health.Builder health =
                switch (status.state()) {
                    case STREAMING, STANDBY -> Health.up();
                    case STARTING -> Health.unknown();
                    case RESTARTING -> Health.down();
                };
        health.withDetail("state", status.state().name())
                .withDetail("publishedPosition", status.published())
                .withDetail("restarts", status.restarts());
        if (status.lastFailure() != null) {
            health.withDetail("lastFailure", status.lastFailure());
        }
        return health.build();
    }
}
