package dev.ferry.testsupport;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Apache Kafka broker for integration tests, one per test JVM: Testcontainers' Kafka when a Docker engine is
 * reachable, else a KRaft broker inside the JVM. Either way the tests talk to a broker over TCP, never to a mock.
 */
public final class KafkaTestBroker {

    /** Image used when Docker is available; the same broker version the build's kafka-clients speaks. */
    static final String KAFKA_IMAGE = "apache/kafka:3.9.1";

    private static final Logger log = LoggerFactory.getLogger(KafkaTestBroker.class);
    private static volatile KafkaTestBroker shared;

    private final String bootstrapServers;
    private final String kind;
    private final Duration startTime;

    private KafkaTestBroker(String bootstrapServers, String kind, Duration startTime) {
        this.bootstrapServers = bootstrapServers;
        this.kind = kind;
        this.startTime = startTime;
    }

    /** The broker of this JVM, started on first use and stopped when the JVM exits. */
    public static KafkaTestBroker shared() {
        if (shared == null) {
            synchronized (KafkaTestBroker.class) {
                if (shared == null) {
                    shared = start();
                }
            }
        }
        return shared;
    }

    private static KafkaTestBroker start() {
        long started = System.nanoTime();
        KafkaTestBroker broker = dockerAvailable() ? startContainer(started) : startInJvm(started);
        log.info(
                "kafka test broker ready kind={} bootstrap={} startMillis={}",
                broker.kind,
                broker.bootstrapServers,
                broker.startTime.toMillis());
        return broker;
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("ferry.test.kafka.inJvm")) {
            return false;
        }
        // Returns false, without throwing, when no engine answers (our build machines have none).
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (!available) {
            log.info("no Docker engine reachable: falling back to an in-JVM KRaft broker");
        }
        return available;
    }

    private static KafkaTestBroker startContainer(long started) {
        var container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        return new KafkaTestBroker(container.getBootstrapServers(), "testcontainers", since(started));
    }

    private static KafkaTestBroker startInJvm(long started) {
        var broker = new EmbeddedKafkaKraftBroker(1, 1)
                .brokerProperties(Map.of(
                        "auto.create.topics.enable", "false",
                        "group.initial.rebalance.delay.ms", "0",
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-kraft-stop"));
        return new KafkaTestBroker(broker.getBrokersAsString(), "in-jvm-kraft", since(started));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** "testcontainers" or "in-jvm-kraft". */
    public String kind() {
        return kind;
    }

    /** How long the broker took to become ready, for the build's notes. */
    public Duration startTime() {
        return startTime;
    }

    /** Creates topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker at " + bootstrapServers + " did not create topics in 30 s", e);
        }
    }

    /** Names of the topics the broker has. */
    public Set<String> topicNames() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics at " + bootstrapServers, e);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
