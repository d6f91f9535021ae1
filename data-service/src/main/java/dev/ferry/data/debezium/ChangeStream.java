package dev.ferry.data.debezium;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.StreamStatus;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.jdbc.SqlFailures;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migration's change stream: Debezium's embedded PostgreSQL connector (pgoutput) snapshots the tables, then streams
 * their changes into the target through a {@link ChangeApplier}. Its offsets live in a file under data-service's data
 * directory, so a stream started again after a crash resumes where the target's last committed batch ended.
 */
public final class ChangeStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);

    private final MigrationSpec spec;
    private final Connections connections;
    private final Path directory;
    private final ChangeApplier applier;
    private final ExecutorService executor;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean running;

    /**
     * @param createdTables the target tables the step created, which a snapshot that starts (again) empties first
     * @param directory where the stream keeps its offsets
     */
    public ChangeStream(
            MigrationSpec spec,
            Map<TableName, TableShape> shapes,
            List<TableName> createdTables,
            Connections connections,
            Path directory,
            Clock clock) {
        this.spec = spec;
        this.connections = connections;
        this.directory = directory;
        this.applier = new ChangeApplier(spec, shapes, createdTables, connections, clock);
        this.executor = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
                .daemon()
                .name("stream-" + spec.key().slotName())
                .unstarted(r));
    }

    public void start() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.INTERNAL,
                    false,
                    "cannot create " + directory + " for the stream's offsets; check ferry.data.data-dir: "
                            + e.getMessage());
        }
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(config())
                .using((success, message, error) -> {
                    running = false;
                    if (!success) {
                        applier.failed("the change stream of " + spec.source() + " stopped: " + message
                                + (error == null ? "" : " (" + error.getMessage() + ")"));
                        log.error("event=stream-stopped stream={} reason=\"{}\"", spec.key(), message, error);
                    }
                })
                .notifying(applier)
                .build();
        running = true;
        executor.execute(engine);
        log.info(
                "event=stream-started stream={} slot={} tables={}",
                spec.key(),
                spec.key().slotName(),
                tableList());
    }

    public StreamStatus status() {
        return applier.status();
    }

    public boolean running() {
        return running;
    }

    /** Writes a lag marker into the source's log; its arrival updates {@link StreamStatus#lag()}. */
    public void measureLag() {
        String content = "lag:" + spec.key().slotName() + ":" + UUID.randomUUID();
        applier.expectLagMarker(content);
        try (Connection source = connections.open(spec.source())) {
            Markers.emit(source, content);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot measure the lag of " + spec.source());
        }
    }

    /**
     * Holds the stream at the point {@code source}'s open repeatable-read transaction sees (its snapshot is read first,
     * then a marker is written after it) and returns once the target holds exactly that.
     */
    public Hold holdAt(Connection source, Duration timeout) {
        var hold = new Hold("hold:" + spec.key().slotName() + ":" + UUID.randomUUID(), Markers.snapshot(source));
        applier.expectHold(hold);
        Markers.emit(source, hold.token());
        try {
            if (!hold.awaitReached(timeout.toMillis())) {
                hold.close();
                throw new DataStepFailure(
                        DataStepFailure.Kind.TIMEOUT,
                        true,
                        "the stream of " + spec.source()
                                + " did not catch up with the source within " + timeout.toSeconds() + " s"
                                + status().failure()
                                        .map(reason -> ": " + reason)
                                        .orElse(""));
            }
            return hold;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hold.close();
            throw new DataStepFailure(DataStepFailure.Kind.INTERNAL, true, "interrupted while holding the stream");
        }
    }

    /** Stops the engine; its offsets are flushed, so a later start resumes here. */
    @Override
    public void close() {
        applier.closing();
        try {
            if (engine != null) {
                engine.close();
            }
        } catch (IOException e) {
            log.warn("event=stream-close-failed stream={} reason=\"{}\"", spec.key(), e.getMessage());
        }
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        applier.closed();
        running = false;
    }

    /** Drops the stream's replication slot and publication, so the source keeps no log for a stream that ended. */
    public static void dropSlot(Connections connections, MigrationSpec spec) {
        String slot = spec.key().slotName();
        try (Connection source = connections.open(spec.source())) {
            for (int attempt = 0; attempt < 50; attempt++) {
                try (var statement = source.prepareStatement(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                    statement.setString(1, slot);
                    statement.execute();
                    break;
                } catch (SQLException stillActive) {
                    // The walsender lets go of the slot a moment after the engine stopped.
                    Thread.sleep(200);
                }
            }
            try (var statement = source.createStatement()) {
                statement.execute("DROP PUBLICATION IF EXISTS " + slot);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot drop replication slot " + slot + " on " + spec.source());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tableList() {
        return spec.tables().stream()
                .map(TableMapping::source)
                .map(table -> table.schema().replace(".", "\\.") + "\\." + table.name())
                .collect(Collectors.joining(","));
    }

    private Properties config() {
        var source = SourceAddress.of(spec.source().jdbcUrl());
        var login = connections.login(spec.source());
        String slot = spec.key().slotName();
        var config = new Properties();
        config.put("name", slot);
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        config.put(
                "offset.storage.file.filename", directory.resolve("offsets.dat").toString());
        config.put("offset.flush.interval.ms", "1000");
        config.put("database.hostname", source.host());
        config.put("database.port", String.valueOf(source.port()));
        config.put("database.user", login.user());
        config.put("database.password", login.password());
        config.put("database.dbname", source.database());
        config.put("topic.prefix", slot);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", slot);
        config.put("publication.name", slot);
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", tableList());
        config.put("snapshot.mode", "initial");
        config.put("decimal.handling.mode", "string");
        config.put("interval.handling.mode", "string");
        config.put("binary.handling.mode", "bytes");
        config.put("tombstones.on.delete", "false");
        config.put("message.prefix.include.list", ChangeRecords.MARKER_PREFIX);
        config.put("heartbeat.interval.ms", "10000");
        config.put("poll.interval.ms", "50");
        config.put("max.batch.size", "4096");
        config.put("max.queue.size", "16384");
        // A source that goes away is retried with backoff for as long as it takes; nothing is lost meanwhile, the
        // slot keeps the log.
        config.put("errors.max.retries", "-1");
        config.put("errors.retry.delay.initial.ms", "500");
        config.put("errors.retry.delay.max.ms", "10000");
        filters(config);
        return config;
    }

    /** The snapshot reads only the rows the filters let through; streamed changes are filtered as they come. */
    private void filters(Properties config) {
        var filtered =
                spec.tables().stream().filter(t -> t.filter().isPresent()).toList();
        if (filtered.isEmpty()) {
            return;
        }
        config.put(
                "snapshot.select.statement.overrides",
                filtered.stream().map(t -> t.source().toString()).collect(Collectors.joining(",")));
        for (TableMapping table : filtered) {
            config.put(
                    "snapshot.select.statement.overrides." + table.source(),
                    "SELECT * FROM " + table.source().sql() + " WHERE "
                            + table.filter().orElseThrow());
        }
    }
}
