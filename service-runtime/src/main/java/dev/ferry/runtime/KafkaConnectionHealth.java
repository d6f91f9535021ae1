package dev.ferry.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Whether the service reaches its Kafka cluster: the brokers answer a description of the cluster within the timeout.
 * Down says what failed and which bootstrap servers were tried; a service that cannot reach Kafka does no work, so a
 * readiness probe can take it out of rotation instead of leaving it to look healthy while idle.
 */
public final class KafkaConnectionHealth extends AbstractHealthIndicator implements AutoCloseable {

    private final Admin admin;
    private final Object bootstrapServers;
    private final Duration timeout;

    /** @param adminConfig the Kafka client settings of the service's admin client (bootstrap servers, security) */
    public KafkaConnectionHealth(Map<String, Object> adminConfig, Duration timeout) {
        super("Kafka cannot be reached");
        this.bootstrapServers = adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.timeout = timeout;
        this.admin = Admin.create(adminConfig);
    }

    @Override
    protected void doHealthCheck(Health.Builder health) throws InterruptedException {
        health.withDetail("bootstrapServers", String.valueOf(bootstrapServers));
        DescribeClusterResult cluster =
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        try {
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            health.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers);
        } catch (ExecutionException failure) {
            health.down().withDetail("error", String.valueOf(failure.getCause().getMessage()));
        } catch (TimeoutException failure) {
            health.down().withDetail("error", "no answer from the brokers within " + timeout);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
