package dev.ferry.planner.outbox;

import dev.ferry.planner.app.CrashPoint;
import dev.ferry.planner.kafka.RecordSpans;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of the {@link OutboxRelay}: outbox rows published in one Kafka transaction together with the relay's
 * new position ({@link RelayPosition}), so a batch goes out entirely or not at all, and a row at or below the position
 * committed is never published again.
 */
final class PositionedPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PositionedPublisher.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final String name;
    private final String positionKey;
    private final Map<String, Object> kafka;
    private final CrashPoint crash;
    private final RecordSpans spans;
    private final BooleanSupplier closing;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile long published;

    /**
     * @param name the relay's name, in the producer's transactional id
     * @param positionKey the key of this relay's position on {@link RelayPosition#TOPIC}
     * @param closing whether the planner is closing: a failed batch is then given up instead of retried
     */
    PositionedPublisher(
            String name,
            String positionKey,
            Map<String, Object> kafka,
            CrashPoint crash,
            RecordSpans spans,
            BooleanSupplier closing) {
        this.name = name;
        this.positionKey = positionKey;
        this.kafka = kafka;
        this.crash = crash;
        this.spans = spans;
        this.closing = closing;
    }

    /** The last outbox position published. */
    long published() {
        return published;
    }

    /** Reads the position back from Kafka: where a relay that starts (again) goes on from. */
    void readPosition() {
        published = RelayPosition.read(kafka, positionKey).orElse(0L);
    }

    /** Publishes those of the rows above the position, and returns once they are out. */
    void publish(List<OutboxRow> rows) throws InterruptedException {
        List<OutboxRow> left = above(rows, published);
        if (!left.isEmpty() && producer == null) {
            // Created with the first rows, not at start: a relay that never gets to stream never fences the one that
            // does. Opening it may find a later position, written by the relay it fenced.
            openProducer();
            left = above(left, published);
        }
        if (!left.isEmpty()) {
            publishUntilDone(left);
        }
    }

    /**
     * A new producer, fencing any earlier one of this relay, and the position read back after it: fencing completes or
     * aborts a transaction left open, so the position read then is the last one published for sure.
     */
    private void openProducer() {
        close();
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        readPosition();
    }

    /**
     * Retries a failed batch until it is out: Debezium must not move past rows that are not published. A failed
     * commit may have gone through all the same (a timeout after the broker wrote it), so each retry starts with a new
     * producer and the position read back, and publishes only the rows above it: a batch is never published twice.
     */
    private void publishUntilDone(List<OutboxRow> rows) throws InterruptedException {
        List<OutboxRow> left = rows;
        while (true) {
            try {
                crash.reached(CrashPoint.BEFORE_RELAY);
                publishInOneTransaction(left);
                crash.reached(CrashPoint.AFTER_PUBLISH);
                return;
            } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
                throw new IllegalStateException("another outbox relay named " + name + " took over", fenced);
            } catch (RecordTooLargeException tooLarge) {
                // Never accepted however often it is tried: stop (health DOWN) rather than retry it for ever.
                throw new IllegalStateException(
                        "an outbox row is larger than the broker accepts: " + tooLarge.getMessage(), tooLarge);
            } catch (KafkaException | IllegalStateException failure) {
                if (closing.getAsBoolean()) {
                    throw new InterruptedException("closing with " + left.size() + " outbox rows unpublished");
                }
                log.warn("event=outbox-publish-failed rows={} reason=\"{}\"", left.size(), failure.getMessage());
                Thread.sleep(RETRY_PAUSE.toMillis());
                openProducer();
                left = above(left, published);
                if (left.isEmpty()) {
                    log.info("event=outbox-commit-confirmed position={}", published);
                    return;
                }
            }
        }
    }

    private void publishInOneTransaction(List<OutboxRow> rows) {
        long position = rows.getLast().position();
        producer.beginTransaction();
        for (OutboxRow row : rows) {
            var record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            record.headers().add("ferry-event-id", row.id().getBytes(StandardCharsets.UTF_8));
            spans.send(record, () -> producer.send(record));
        }
        producer.send(new ProducerRecord<>(
                RelayPosition.TOPIC, positionKey, String.valueOf(position).getBytes(StandardCharsets.UTF_8)));
        producer.commitTransaction();
        published = position;
        log.debug("event=outbox-published rows={} position={}", rows.size(), position);
    }

    private static List<OutboxRow> above(List<OutboxRow> rows, long position) {
        return rows.stream().filter(row -> row.position() > position).toList();
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new LinkedHashMap<>(kafka);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ferry-" + name);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // A transaction that starts while the broker still writes the previous one's markers is told to retry
        // (CONCURRENT_TRANSACTIONS); the default 100 ms pause would then be added to every hop.
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        return config;
    }

    /** Closes the producer; the next rows open a new one, which fences this one's transaction if it is still open. */
    @Override
    public void close() {
        var open = producer;
        producer = null;
        if (open != null) {
            try {
                open.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                log.debug("event=outbox-producer-close-failed reason=\"{}\"", e.getMessage());
            }
        }
    }
}
