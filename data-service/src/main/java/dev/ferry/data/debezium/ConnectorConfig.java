package dev.ferry.data.debezium;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.DumpedDatabase;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The embedded engine's configuration for one stream: PostgreSQL's connector on the step's slot and publication, or
 * the MySQL connector reading a MariaDB/MySQL binlog; offsets (and the MySQL connector's schema history) in files of
 * the stream's folder, retries without end while the source is away.
 */
final class ConnectorConfig {

    private ConnectorConfig() {}

    /** The step's source tables as Debezium's include list takes them: {@code schema\.table}, comma-separated. */
    static String tableList(MigrationSpec spec) {
        return spec.tables().stream()
                .map(TableMapping::source)
                .map(ConnectorConfig::pattern)
                .collect(Collectors.joining(","));
    }

    private static String pattern(TableName table) {
        return table.schema().replace(".", "\\.") + "\\." + table.name();
    }

    /** The engine's name, under which its offsets are stored. */
    static String engineName(MigrationSpec spec) {
        return spec.key().slotName();
    }

    /** The engine's properties; the login's password goes nowhere but here and the connector. */
    static Properties of(MigrationSpec spec, Credentials.Login login, Path offsets, Path schemaHistory) {
        var source = DumpedDatabase.of(spec.source().jdbcUrl());
        String slot = spec.key().slotName();
        var config = new Properties();
        config.put("name", engineName(spec));
        config.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        config.put("offset.storage.file.filename", offsets.toString());
        config.put("offset.flush.interval.ms", "1000");
        config.put("database.hostname", source.host());
        config.put("database.port", String.valueOf(source.port()));
        config.put("database.user", login.user());
        config.put("database.password", login.password());
        config.put("topic.prefix", slot);
        config.put("decimal.handling.mode", "string");
        config.put("binary.handling.mode", "bytes");
        config.put("tombstones.on.delete", "false");
        config.put("heartbeat.interval.ms", "10000");
        config.put("poll.interval.ms", "50");
        config.put("max.batch.size", "4096");
        config.put("max.queue.size", "16384");
        // A source that goes away is retried with backoff for as long as it takes; nothing is lost meanwhile, the
        // slot (or the binlog) keeps the log.
        config.put("errors.max.retries", "-1");
        config.put("errors.retry.delay.initial.ms", "500");
        config.put("errors.retry.delay.max.ms", "10000");
        if (spec.source().isMariaDb()) {
            mariaDb(config, spec, source.database(), offsets, schemaHistory);
        } else {
            postgres(config, spec, source.database());
        }
        return config;
    }

    private static void postgres(Properties config, MigrationSpec spec, String database) {
        String slot = spec.key().slotName();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("database.dbname", database);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", slot);
        config.put("publication.name", slot);
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", tableList(spec));
        // The rows were copied under the slot's snapshot; with no offsets yet, Debezium streams from the slot's
        // consistent point (its confirmed position), so it starts exactly where the copy's snapshot ends.
        config.put("snapshot.mode", "no_data");
        config.put("interval.handling.mode", "string");
        config.put("message.prefix.include.list", ChangeRecords.MARKER_PREFIX);
    }

    /**
     * Debezium's MySQL connector, which reads MariaDB's binlog too: from the position of Ferry's copy, or after its own
     * snapshot (a consistent-snapshot read at the binlog position a brief global read lock pins), with the marker table
     * streamed alongside.
     */
    private static void mariaDb(
            Properties config, MigrationSpec spec, String database, Path offsets, Path schemaHistory) {
        String slot = spec.key().slotName();
        config.put("connector.class", "io.debezium.connector.mysql.MySqlConnector");
        // A replica's id on the source's server, one per stream; the server's own is small by habit.
        config.put("database.server.id", String.valueOf(100_000 + Math.floorMod(slot.hashCode(), 1_000_000_000)));
        config.put("database.include.list", database);
        config.put(
                "table.include.list", tableList(spec) + "," + pattern(new TableName(database, Markers.MARKER_TABLE)));
        config.put("database.ssl.mode", "disabled");
        if (Files.exists(offsets) && !Files.exists(schemaHistory)) {
            // Ferry copied the rows and wrote the offsets (SeededOffsets): the connector reads the tables' definitions
            // as they are now and streams from the offsets' position. Without a lock: a global read lock would wait
            // for the copy's long reads while holding back every write.
            config.put("snapshot.mode", "recovery");
            config.put("snapshot.locking.mode", "none");
        } else {
            // The connector's own snapshot the first time (a source without snapshot positions), its offsets after.
            config.put("snapshot.mode", "initial");
        }
        config.put("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        config.put("schema.history.internal.file.filename", schemaHistory.toString());
        config.put("schema.history.internal.store.only.captured.tables.ddl", "true");
        config.put("include.schema.changes", "false");
        config.put("bigint.unsigned.handling.mode", "precise");
        // A binlog connection lost (the server restarted) is noticed and restored within seconds, not the minute or two
        // of the defaults; the check is one ping.
        config.put("connect.keep.alive.interval.ms", "2000");
        config.put("connect.timeout.ms", "10000");
    }
}
