package dev.ferry.data.kafka;

import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.data.domain.BackupStore;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.ForeignKey;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.domain.StreamStatus;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.Verification;
import dev.ferry.data.dump.Dumps;
import dev.ferry.data.steps.Migrations;
import dev.ferry.plan.action.BackupDatabase;
import dev.ferry.plan.action.CutoverData;
import dev.ferry.plan.action.MigrateData;
import dev.ferry.plan.action.RestoreDatabase;
import dev.ferry.plan.action.RollbackData;
import dev.ferry.plan.action.VerifyData;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepHeartbeats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs one service's step of a data action and says what to report: the outputs by name, or a failure. */
@Component
final class DataSteps {

    static final Set<PhaseAction> ACTIONS = Set.of(
            PhaseAction.MIGRATE_DATA,
            PhaseAction.VERIFY_DATA,
            PhaseAction.CUTOVER_DATA,
            PhaseAction.ROLLBACK_DATA,
            PhaseAction.BACKUP_DATABASE,
            PhaseAction.RESTORE_DATABASE);

    private static final Logger log = LoggerFactory.getLogger(DataSteps.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration DEFAULT_HOLD_TIMEOUT = Duration.ofMinutes(10);

    private final Migrations migrations;
    private final Dumps dumps;
    private final EventPublisher publisher;
    private final StepAnswers answers;
    private final StepHeartbeats heartbeats;
    private final Clock clock;

    DataSteps(
            Migrations migrations,
            Dumps dumps,
            EventPublisher publisher,
            StepAnswers answers,
            StepHeartbeats heartbeats,
            Clock clock) {
        this.migrations = migrations;
        this.dumps = dumps;
        this.publisher = publisher;
        this.answers = answers;
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    /** The step's outputs; throws {@link DataStepFailure} for a failed step. */
    Map<String, String> run(PhaseStarted phase, String service) {
        Map<String, String> settings = phase.getSettings();
        return switch (phase.getAction()) {
            case MIGRATE_DATA -> migrate(phase, service);
            case VERIFY_DATA -> heartbeats.whileRunning(phase, service, () -> verify(phase, service, settings));
            case CUTOVER_DATA -> heartbeats.whileRunning(phase, service, () -> cutover(phase, service));
            case ROLLBACK_DATA -> rollback(phase, service);
            case BACKUP_DATABASE -> heartbeats.whileRunning(phase, service, () -> backup(phase, service, settings));
            case RESTORE_DATABASE -> heartbeats.whileRunning(phase, service, () -> restore(phase, service, settings));
            default -> throw new IllegalArgumentException("data-service does not perform " + phase.getAction());
        };
    }

    private Map<String, String> migrate(PhaseStarted phase, String service) {
        var key = new StepKey(phase.getMetadata().getMigrationId(), phase.getPhase(), service);
        var lastProgress = new Instant[] {Instant.EPOCH};
        StreamStatus status = migrations.migrate(key, phase.getSettings(), deadline(phase), current -> {
            if (clock.instant().isAfter(lastProgress[0].plus(PROGRESS_INTERVAL))) {
                lastProgress[0] = clock.instant();
                publishProgress(phase, service, current);
            }
        });
        publishProgress(phase, service, status);
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(MigrateData.ROWS_COPIED, Long.toString(status.rowsCopied()));
        outputs.put(
                MigrateData.LAG_SECONDS,
                status.lag().map(lag -> String.valueOf(lag.toMillis() / 1000.0)).orElse(""));
        outputs.put(MigrateData.SOURCE_POSITION, status.position());
        outputs.put(MigrateData.TABLES_CREATED, String.join(",", migrations.tablesCreated(key)));
        return outputs;
    }

    private Map<String, String> verify(PhaseStarted phase, String service, Map<String, String> settings) {
        List<ForeignKey> keys =
                VerifyData.foreignKeys(settings).stream().map(ForeignKey::of).toList();
        Migrations.Checked checked = migrations.verify(
                migration(phase, service, settings.get(VerifyData.MIGRATION)),
                keys,
                VerifyData.chunkRows(settings),
                holdTimeout(phase));
        Verification verification = checked.verification();
        if (!verification.passed()) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.CONFLICT,
                    false,
                    "verification of " + settings.get(VerifyData.MIGRATION) + " found differences:\n"
                            + verification.problems());
        }
        return Map.of(
                VerifyData.TABLES_VERIFIED, verification.counts(),
                VerifyData.ROWS_COMPARED, Long.toString(verification.rowsCompared()),
                VerifyData.CHECKSUMS, verification.checksums(),
                VerifyData.FOREIGN_KEYS_CHECKED, verification.foreignKeysChecked());
    }

    private Map<String, String> cutover(PhaseStarted phase, String service) {
        Migrations.Checked checked = migrations.cutover(
                migration(phase, service, phase.getSettings().get(CutoverData.MIGRATION)),
                VerifyData.DEFAULT_CHUNK_ROWS,
                holdTimeout(phase));
        return Map.of(
                CutoverData.SOURCE_POSITION, checked.position(),
                CutoverData.ROWS_COMPARED, Long.toString(checked.verification().rowsCompared()),
                CutoverData.TABLES_VERIFIED, checked.verification().counts());
    }

    private Map<String, String> rollback(PhaseStarted phase, String service) {
        Migrations.RolledBack rolledBack = migrations.rollback(
                migration(phase, service, phase.getSettings().get(RollbackData.MIGRATION)));
        return Map.of(
                RollbackData.TABLES_DROPPED, names(rolledBack.dropped()),
                RollbackData.TABLES_KEPT, names(rolledBack.kept()));
    }

    private Map<String, String> backup(PhaseStarted phase, String service, Map<String, String> settings) {
        Dumps.Backup backup = dumps.backup(
                new StepKey(phase.getMetadata().getMigrationId(), phase.getPhase(), service),
                settings.get(BackupDatabase.DATABASE),
                settings.get(BackupDatabase.CREDENTIAL_REF),
                BackupStore.of(
                        settings.get(BackupDatabase.STORAGE),
                        settings.get(BackupDatabase.STORAGE_ENDPOINT),
                        settings.get(BackupDatabase.STORAGE_CREDENTIAL_REF)));
        return Map.of(
                BackupDatabase.BACKUP_FILE, backup.location(),
                BackupDatabase.BYTES, Long.toString(backup.bytes()),
                BackupDatabase.TOOL, backup.tool());
    }

    private Map<String, String> restore(PhaseStarted phase, String service, Map<String, String> settings) {
        String backupPhase = settings.get(RestoreDatabase.BACKUP);
        if (backupPhase == null || backupPhase.isBlank()) {
            throw DataStepFailure.invalid(phase.getPhase() + " names no backup: set backup to the backup-database"
                    + " phase whose dump it restores");
        }
        Dumps.Backup restored = dumps.restore(new StepKey(phase.getMetadata().getMigrationId(), backupPhase, service));
        return Map.of(
                RestoreDatabase.RESTORED_FROM, restored.location(),
                RestoreDatabase.DATABASE, restored.database());
    }

    private static StepKey migration(PhaseStarted phase, String service, String migrationPhase) {
        if (migrationPhase == null || migrationPhase.isBlank()) {
            throw DataStepFailure.invalid(phase.getPhase() + " names no migration: set migration to the"
                    + " migrate-data phase whose tables it acts on");
        }
        return new StepKey(phase.getMetadata().getMigrationId(), migrationPhase, service);
    }

    private void publishProgress(PhaseStarted phase, String service, StreamStatus status) {
        publisher.publish(answers.progress(phase, service, status)).exceptionally(failure -> {
            log.warn(
                    "event=progress-not-sent phase={} service={} reason=\"{}\"",
                    phase.getPhase(),
                    service,
                    failure.getMessage());
            return null;
        });
    }

    private Instant deadline(PhaseStarted phase) {
        Long seconds = phase.getTimeoutSeconds();
        return clock.instant().plusSeconds(seconds == null ? Duration.ofHours(6).toSeconds() : seconds);
    }

    private static Duration holdTimeout(PhaseStarted phase) {
        Long seconds = phase.getTimeoutSeconds();
        return seconds == null ? DEFAULT_HOLD_TIMEOUT : Duration.ofSeconds(seconds);
    }

    private static String names(List<TableName> tables) {
        return tables.stream().map(TableName::toString).collect(Collectors.joining(","));
    }
}
