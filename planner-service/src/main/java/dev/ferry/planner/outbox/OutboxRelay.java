package dev.ferry.planner.outbox;

import dev.ferry.planner.app.CrashPoint;
import dev.ferry.planner.kafka.RecordSpans;
import dev.ferry.planner.persistence.PlannerDatabase;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the outbox to Kafka by tailing PostgreSQL's log with Debezium's embedded engine (transactional outbox with
 * log tailing). Each batch goes out in one Kafka transaction together with the relay's new position, so a batch is
 * published entirely or not at all, and rows at or below the committed position are never published again: a crash
 * anywhere between the database commit and Debezium's offset flush neither loses nor repeats an event.
 *
 * <p>The relay keeps itself going: when Debezium stops or the producer fails fatally (fenced, or a record the broker
 * will never take), it reports DOWN through {@link #status()} and starts again after a pause, reading its position
 * back first. Two planners may share one database: the replication slot admits one reader, so the other planner's
 * relay waits as STANDBY and takes over within seconds of the first one's death. Its producer is created only once it
 * holds the slot, so a waiting relay never fences the working one.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_RESTART_PAUSE = Duration.ofSeconds(15);

    /** What the relay does now, for the planner's health. */
    public enum State {
        STARTING,
        /** Holds the replication slot and publishes. */
        STREAMING,
        /** Another planner's relay holds the slot; this one takes over when it is released. */
        STANDBY,
        /** Stopped by a failure and starting again after a pause. */
        RESTARTING
    }

    /** The state, with the failure that stopped the relay last (null while none). */
    public record Status(State state, String lastFailure, long published, int restarts) {}

    private final Settings settings;
    private final PositionedPublisher publisher;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final SlotHolder slot;
    private volatile boolean closing;
    private volatile State state = State.STARTING;
    private volatile String lastFailure;
    private volatile int restarts;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

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

    public OutboxRelay(Settings settings, CrashPoint crash, RecordSpans spans) {
        this.settings = settings;
        this.publisher = new PositionedPublisher(
                settings.name(),
                settings.name() + "@" + settings.outboxIdentity(),
                settings.kafka(),
                crash,
                spans,
                () -> closing);
        this.slot = new SlotHolder(settings.database(), slotName());
    }

    /**
     * Starts relaying and returns once Debezium streams the log (so no row written afterwards is missed), or once it is
     * clear another planner's relay holds the slot.
     */
    public void start(Duration timeout) {
        RelayPosition.ensureTopic(settings.kafka(), settings.replicationFactor());
        createOffsetDirectory();
        executor.execute(this::superviseUntilClosed);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (state != State.STREAMING && state != State.STANDBY) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Debezium did not start streaming the outbox of "
                            + settings.database() + " within " + timeout.toSeconds() + " s"
                            + (lastFailure == null ? "" : ": " + lastFailure));
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the outbox relay", e);
        }
        log.info(
                "event=outbox-relay-started state={} position={} database=\"{}\"",
                state,
                publisher.published(),
                settings.database());
    }

    /**
     * Debezium writes its offsets there but does not create the directory: with an external database nothing else
     * does, and every offset flush would fail (the slot's position then never moves on).
     */
    private void createOffsetDirectory() {
        Path directory = settings.offsetFile().toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + directory + " for the outbox relay's offsets", e);
        }
    }

    public Status status() {
        return new Status(state, lastFailure, publisher.published(), restarts);
    }

    /** Runs the relay, and runs it again after each stop, until the planner closes. */
    private void superviseUntilClosed() {
        Duration pause = RESTART_PAUSE;
        while (!closing) {
            if (slot.heldByAnother()) {
                state = State.STANDBY;
                sleep(RESTART_PAUSE);
                continue;
            }
            boolean streamed;
            try {
                streamed = runOnce();
            } catch (RuntimeException failure) {
                lastFailure = rootMessage(failure);
                streamed = false;
            }
            if (closing) {
                return;
            }
            if (slot.heldByAnother()) {
                state = State.STANDBY;
                pause = RESTART_PAUSE;
            } else {
                state = State.RESTARTING;
                restarts++;
                // A relay that streamed before it stopped starts again soon; one that keeps failing to start, less
                // often.
                pause = streamed ? RESTART_PAUSE : min(pause.multipliedBy(2), LONGEST_RESTART_PAUSE);
                log.error("event=outbox-relay-stopped restarting_in={} reason=\"{}\"", pause, lastFailure);
            }
            sleep(pause);
        }
    }

    /** One life of the relay: a Debezium engine on the slot, until it stops. True when it streamed at all. */
    private boolean runOnce() {
        var streamed = new AtomicBoolean();
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(debeziumConfig())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        streamed.set(true);
                        publisher.readPosition();
                        state = State.STREAMING;
                    }
                })
                .using((success, message, error) -> {
                    if (!success && !closing) {
                        lastFailure = message + (error == null ? "" : ": " + rootMessage(error));
                    }
                })
                .notifying(this::relay)
                .build();
        try {
            engine.run();
        } catch (RuntimeException failure) {
            lastFailure = rootMessage(failure);
        } finally {
            closeEngine();
            publisher.close();
        }
        return streamed.get();
    }

    /** A batch of Debezium's records: the inserted outbox rows go out first, and only then may Debezium move on. */
    private void relay(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        log.debug("event=outbox-batch records={}", records.size());
        var rows = new ArrayList<OutboxRow>();
        for (var record : records) {
            OutboxRow row = OutboxRow.inserted(record.record());
            if (row != null) {
                rows.add(row);
            }
        }
        publisher.publish(rows);
        for (var record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
    }

    /** The last outbox position published. */
    public long published() {
        return publisher.published();
    }

    private Properties debeziumConfig() {
        var database = settings.database();
        String slot = slotName();
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
        // A slot another planner took meanwhile fails the start at once; the supervisor waits for it as STANDBY.
        config.put("slot.max.retries", "1");
        config.put("slot.retry.delay.ms", "500");
        config.put("max.batch.size", "2048");
        return config;
    }

    @Override
    public void close() {
        closing = true;
        closeEngine();
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
    }

    private void closeEngine() {
        var running = engine;
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException | RuntimeException e) {
            // Stopped already, by its own failure: nothing is left to close.
            log.debug("event=outbox-relay-close-failed reason=\"{}\"", e.getMessage());
        }
    }

    private String slotName() {
        return settings.name().replaceAll("[^a-z0-9_]", "_");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
