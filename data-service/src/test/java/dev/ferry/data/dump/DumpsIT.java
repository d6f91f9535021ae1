package dev.ferry.data.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.s3.S3Offsite;
import dev.ferry.data.testing.DebianPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup-database and restore-database with Debian's pg_dump and pg_restore against a real PostgreSQL 15. */
class DumpsIT {

    /** These dumps stay in the data directory; S3DumpsIT keeps them in a bucket. */
    private static final Offsite NO_BUCKET = new S3Offsite(ref -> Optional.empty());

    private static final String ROWS =
            "SELECT md5(string_agg(t::text, ',' ORDER BY id)) || ':' || count(*) FROM items t";

    private static DebianPostgres postgres;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        postgres = DebianPostgres.start();
        postgres.createDatabase("shop");
        postgres.run(
                "shop",
                "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2), tags jsonb)",
                "INSERT INTO items SELECT g, 'item ' || g, g * 0.5, jsonb_build_object('n', g)"
                        + " FROM generate_series(1, 5000) g");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void restoresTheRowsTheBackupHeldAfterARiskyPhaseChangedThem() {
        var dumps = new Dumps(dataDir, DebianPostgres.credentials(), NO_BUCKET);
        var key = new StepKey("run-1", "backup-shop", "shop-service");
        String before = postgres.text("shop", ROWS);

        var backup = dumps.backup(key, postgres.url("shop"), "db");
        postgres.run(
                "shop",
                "DELETE FROM items WHERE id > 4000",
                "UPDATE items SET name = 'broken' WHERE id % 3 = 0",
                "ALTER TABLE items ADD COLUMN junk text");
        var restored = dumps.restore(key);

        assertThat(Path.of(backup.location())).startsWith(dataDir).isRegularFile();
        assertThat(backup.bytes()).isPositive();
        assertThat(backup.tool()).startsWith("pg_dump (PostgreSQL) 15");
        assertThat(Path.of(restored.location())).isEqualTo(Path.of(backup.location()));
        assertThat(postgres.text("shop", ROWS)).isEqualTo(before);
        assertThat(postgres.text(
                        "shop", "SELECT count(*)::text FROM information_schema.columns WHERE column_name = 'junk'"))
                .isEqualTo("0");
    }

    @Test
    void aRedeliveredBackupAnswersWithTheDumpItTook() throws Exception {
        var dumps = new Dumps(dataDir, DebianPostgres.credentials(), NO_BUCKET);
        var key = new StepKey("run-2", "backup-shop", "shop-service");
        var first = dumps.backup(key, postgres.url("shop"), "db");
        var modified = Files.getLastModifiedTime(Path.of(first.location()));

        var again = dumps.backup(key, postgres.url("shop"), "db");

        assertThat(Path.of(again.location())).isEqualTo(Path.of(first.location()));
        assertThat(Files.getLastModifiedTime(Path.of(again.location()))).isEqualTo(modified);
    }

    @Test
    void aWrongPasswordFailsWithTheToolsWordsAndNeverThePassword() {
        var dumps = new Dumps(
                dataDir, ref -> Optional.of(new Credentials.Login("postgres", "not-the-password")), NO_BUCKET);

        assertThatThrownBy(() -> dumps.backup(new StepKey("run-3", "backup", "s"), postgres.url("shop"), "db"))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("pg_dump exited with 1")
                .hasMessageContaining("password authentication failed for user \"postgres\"")
                .hasMessageNotContaining("not-the-password");
        assertThat(dataDir.resolve(new StepKey("run-3", "backup", "s").folder()).resolve("backup.properties"))
                .doesNotExist();
    }

    @Test
    void refusesAUrlCarryingAPasswordAndACredentialThatIsNotConfigured() {
        var dumps = new Dumps(dataDir, DebianPostgres.credentials(), NO_BUCKET);
        var key = new StepKey("run-4", "backup", "s");

        assertThatThrownBy(() -> dumps.backup(key, "jdbc:postgresql://u:hunter2@localhost:5432/shop", "db"))
                .hasMessageContaining("carries a password or user")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> dumps.backup(key, postgres.url("shop"), "nobody"))
                .hasMessageContaining("credential nobody for postgresql://localhost:");
        assertThatThrownBy(() -> dumps.restore(new StepKey("run-4", "never-ran", "s")))
                .hasMessageContaining("no backup-database phase never-ran of s in run run-4");
    }
}
