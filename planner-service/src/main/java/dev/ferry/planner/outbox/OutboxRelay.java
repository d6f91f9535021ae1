package dev.ferry.planner.outbox;

import dev.ferry.planner.app.CrashPoint;
import dev.ferry.planner.persistence.PlannerDatabase;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the outbox to Kafka by tailing PostgreSQL's log with Debezium's embedded engine (transactional outbox with
 * log tailing). Each batch goes out in one Kafka transaction together with the relay's new position, so a batch is
 * published entirely or not at all, and rows at or below the committed position are never published again: a crash
 * anywhere between the database commit and Debezium's offset flush neither loses nor repeats an event.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final Settings settings;
    private final CrashPoint crash;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final CountDownLatch streaming = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile long published;
    private KafkaProducer<String, byte[]> producer;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

    /**
     * @param name names the replication slot, the publication and the producer's transactional id
     * @param outboxIdentity tells this database's outbox from any other; with the name, the key of the position
     * @param kafka Kafka client settings (bootstrap servers, security) for the producer and the position reader
     */
    public record Settings(
            String name,
            String outboxIdentity,
            PlannerDatabase.Connection database,
            Path offsetFile,
            Map<String, Object> kafka,
            short replicationFactor,
            Duration pollInterval) {}

    public OutboxRelay(Settings settings, CrashPoint crash) {
        this.settings = settings;
        this.crash = crash;
    }

    /** Starts relaying and returns once Debezium streams the log, so no row written afterwards is missed. */
    public void start(Duration timeout) {
        RelayPosition.ensureTopic(settings.kafka(), settings.replicationFactor());
        published = RelayPosition.read(settings.kafka(), positionKey()).orElse(0L);
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        // Fences a previous instance of this relay that may still hold an open transaction.
        producer.initTransactions();
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(debeziumConfig())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        streaming.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (!success && !closing) {
                        log.error("event=outbox-relay-stopped reason=\"{}\"", message, error);
                    }
                })
                .notifying(this::relay)
                .build();
        executor.execute(engine);
        try {
            if (!streaming.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Debezium did not start streaming the outbox of " + settings.database()
                        + " within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the outbox relay", e);
        }
        log.info("event=outbox-relay-started position={} database=\"{}\"", published, settings.database());
    }

    private void relay(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        log.debug("event=outbox-batch records={}", records.size());
        var rows = new ArrayList<OutboxRow>();
        for (var record : records) {
            OutboxRow row = OutboxRow.inserted(record.record());
            if (row != null && row.position() > published) {
                rows.add(row);
            }
        }
        if (!rows.isEmpty()) {
            publishUntilDone(rows);
        }
        for (var record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
    }

    /** Retries a failed batch until it is out: Debezium must not move past rows that are not published. */
    private void publishUntilDone(List<OutboxRow> rows) throws InterruptedException {
        while (true) {
            try {
                crash.reached(CrashPoint.BEFORE_RELAY);
                publish(rows);
                crash.reached(CrashPoint.AFTER_PUBLISH);
                return;
            } catch (ProducerFencedException fenced) {
                throw new IllegalStateException("another outbox relay named " + settings.name() + " took over", fenced);
            } catch (KafkaException | IllegalStateException failure) {
                if (closing) {
                    throw new InterruptedException("closing with " + rows.size() + " outbox rows unpublished");
                }
                log.warn("event=outbox-publish-failed rows={} reason=\"{}\"", rows.size(), failure.getMessage());
                abortQuietly();
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    /** Publishes rows that {@link #relay} found above the published position, in one transaction. */
    private void publish(List<OutboxRow> rows) {
        long position = rows.getLast().position();
        producer.beginTransaction();
        for (OutboxRow row : rows) {
            var record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            record.headers().add("ferry-event-id", row.id().getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
        producer.send(new ProducerRecord<>(
                RelayPosition.TOPIC, positionKey(), String.valueOf(position).getBytes(StandardCharsets.UTF_8)));
        producer.commitTransaction();
        published = position;
        log.debug("event=outbox-published rows={} position={}", rows.size(), position);
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException ignored) {
            // No transaction was open, or the producer must be re-created; the next attempt finds out.
        }
    }

    private String positionKey() {
        return settings.name() + "@" + settings.outboxIdentity();
    }

    /** The last outbox position published. */
    public long published() {
        return published;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new LinkedHashMap<>(settings.kafka());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ferry-" + settings.name());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // A transaction that starts while the broker still writes the previous one's markers is told to retry
        // (CONCURRENT_TRANSACTIONS); the default 100 ms pause would then be added to every hop.
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        return config;
    }

    private Properties debeziumConfig() {
        var database = settings.database();
        String slot = settings.name().replaceAll("[^a-z0-9_]", "_");
        var config = new Properties();
        config.put("name", settings.name());
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        config.put("offset.storage.file.filename", settings.offsetFile().toString());
        config.put("offset.flush.interval.ms", "1000");
        config.put("database.hostname", database.host());
        config.put("database.port", String.valueOf(database.port()));
        config.put("database.user", database.user());
        config.put("database.password", database.password());
        config.put("database.dbname", database.database());
        config.put("topic.prefix", slot);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", slot);
        config.put("publication.name", slot);
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", "public.outbox");
        // A first start (or a lost offset file) reads the whole outbox; the position skips what was published.
        config.put("snapshot.mode", "initial");
        config.put("binary.handling.mode", "bytes");
        config.put("skipped.operations", "u,d,t");
        config.put("tombstones.on.delete", "false");
        config.put("poll.interval.ms", String.valueOf(settings.pollInterval().toMillis()));
        config.put("max.batch.size", "2048");
        return config;
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (engine != null) {
                engine.close();
            }
        } catch (IOException e) {
            log.warn("event=outbox-relay-close-failed reason=\"{}\"", e.getMessage());
        }
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
