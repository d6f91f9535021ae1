package dev.ferry.data.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.s3.S3Offsite;
import dev.ferry.data.testing.MariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup-database and restore-database with Debian's mariadb-dump and mariadb against a real MariaDB 10.11. */
class MariaDbDumpsIT {

    /** These dumps stay in the data directory; S3DumpsIT keeps them in a bucket. */
    private static final Offsite NO_BUCKET = new S3Offsite(ref -> Optional.empty());

    private static final String ROWS =
            "SELECT CONCAT(COUNT(*), ':', MD5(GROUP_CONCAT(id, '|', name, '|', price ORDER BY id))) FROM shop.items";

    private static MariaDb mariadb;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        mariadb = MariaDb.start();
        mariadb.sql("SET SESSION group_concat_max_len = 1000000; CREATE DATABASE shop;"
                + " CREATE TABLE shop.items (id bigint PRIMARY KEY, name varchar(100) NOT NULL, price decimal(10,2));"
                + " USE shop; INSERT INTO shop.items SELECT seq, CONCAT('item ', seq), seq / 2 FROM seq_1_to_3000");
    }

    @AfterAll
    static void stop() {
        mariadb.close();
    }

    @Test
    void restoresTheRowsTheBackupHeldAfterARiskyPhaseChangedThem() throws Exception {
        var dumps = new Dumps(dataDir, MariaDb.credentials(), NO_BUCKET);
        var key = new StepKey("run-1", "backup-shop", "shop-service");
        String before = rows();

        var backup = dumps.backup(key, mariadb.url("shop"), "maria");
        mariadb.sql("DELETE FROM shop.items WHERE id > 2000; UPDATE shop.items SET name = 'broken' WHERE id % 3 = 0");
        dumps.restore(key);

        assertThat(backup.tool()).contains("mariadb-dump").contains("10.11");
        assertThat(Files.readString(Path.of(backup.location())))
                .contains("CREATE TABLE `items`")
                .doesNotContain(MariaDb.PASSWORD);
        assertThat(rows()).isEqualTo(before).startsWith("3000:");
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .as("the options file holding the password is gone")
                    .noneMatch(name -> name.startsWith("ferry-mariadb") && name.endsWith(".cnf"));
        }
    }

    @Test
    void aWrongPasswordFailsWithTheToolsWordsAndNeverThePassword() {
        var dumps = new Dumps(
                dataDir, ref -> Optional.of(new Credentials.Login(MariaDb.USER, "not-the-password")), NO_BUCKET);

        assertThatThrownBy(() -> dumps.backup(new StepKey("run-2", "backup", "s"), mariadb.url("shop"), "maria"))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("mariadb-dump exited with 2")
                .hasMessageContaining("Access denied for user 'ferry'")
                .hasMessageNotContaining("not-the-password");
    }

    private static String rows() {
        return mariadb.sql("SET SESSION group_concat_max_len = 1000000; " + ROWS);
    }
}
