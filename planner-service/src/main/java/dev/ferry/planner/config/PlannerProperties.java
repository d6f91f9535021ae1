package dev.ferry.planner.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * planner-service settings ({@code ferry.planner.*}).
 *
 * @param dataDirectory where the embedded PostgreSQL keeps its data and Debezium its offsets
 * @param database a PostgreSQL server to use instead of the embedded one
 * @param outbox the relay's name (replication slot, publication, transactional id) and how often it polls the log
 * @param retryTimer how often steps waiting for a retry are checked
 */
@ConfigurationProperties("ferry.planner")
public record PlannerProperties(
        @DefaultValue("${java.io.tmpdir}/ferry/planner") Path dataDirectory,
        @DefaultValue Database database,
        @DefaultValue Outbox outbox,
        @DefaultValue("200ms") Duration retryTimer) {

    /** @param url empty for the embedded PostgreSQL */
    public record Database(
            @DefaultValue("") String url,
            @DefaultValue("postgres") String username,
            @DefaultValue("") String password) {

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + "]";
        }
    }

    /**
     * @param pollInterval how long Debezium gathers log records before handing them to the relay: every hop waits up to
     *     this long, and Debezium spins rather than sleeps through the last millisecond of it, so 1 ms kept a core
     *     busy (a third of the planner's CPU in the 2000 burst) for a hop 2 ms shorter on average than 5 ms
     */
    public record Outbox(
            @DefaultValue("planner_outbox") String name,
            @DefaultValue("5ms") Duration pollInterval,
            @DefaultValue("120s") Duration startTimeout) {}
}
