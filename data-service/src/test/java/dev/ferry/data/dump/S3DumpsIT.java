package dev.ferry.data.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.data.domain.BackupStore;
import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.s3.S3Offsite;
import dev.ferry.data.testing.MariaDb;
import dev.ferry.data.testing.S3rver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * backup-database into an S3-compatible bucket and restore-database from it: a real MariaDB 10.11 dumped by
 * mariadb-dump, the dump stored in and read back from a real s3rver (npm) through the AWS SDK's S3 client.
 */
class S3DumpsIT {

    private static final String ROWS =
            "SET SESSION group_concat_max_len = 1000000; SELECT CONCAT(COUNT(*), ':', MD5(GROUP_CONCAT(id, '|',"
                    + " name ORDER BY id))) FROM shop.items";

    private static MariaDb mariadb;
    private static S3rver s3;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        mariadb = MariaDb.start();
        s3 = S3rver.start();
        mariadb.sql("CREATE DATABASE shop; CREATE TABLE shop.items (id bigint PRIMARY KEY, name varchar(100));"
                + " USE shop; INSERT INTO shop.items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_2000");
    }

    @AfterAll
    static void stop() {
        s3.close();
        mariadb.close();
    }

    @Test
    void keepsTheDumpInTheBucketOnlyAndRestoresFromIt() {
        var dumps = new Dumps(dataDir, both(), new S3Offsite(both()));
        var key = new StepKey("run-1", "backup-shop", "shop-service");
        var store = BackupStore.of(
                "s3://" + S3rver.BUCKET + "/monolith/", s3.endpoint().toString(), "s3");
        String before = mariadb.sql(ROWS);

        var backup = dumps.backup(key, mariadb.url("shop"), "maria", store);
        mariadb.sql("DELETE FROM shop.items WHERE id > 1000; UPDATE shop.items SET name = 'broken' WHERE id % 3 = 0");
        var again = dumps.backup(key, mariadb.url("shop"), "maria", store);
        var restored = dumps.restore(key);

        String object = "monolith/" + key.folder() + "/dump";
        assertThat(backup.location()).isEqualTo("s3://ferry-backups/" + object);
        assertThat(objectsInTheBucket("monolith/")).singleElement().satisfies(stored -> {
            assertThat(stored.key()).isEqualTo(object);
            assertThat(stored.size()).isEqualTo(backup.bytes()).isPositive();
        });
        assertThat(again)
                .as("a redelivered phase answers with the dump it took")
                .isEqualTo(backup);
        assertThat(restored.location()).isEqualTo(backup.location());
        assertThat(mariadb.sql(ROWS)).isEqualTo(before).startsWith("2000:");
        assertThat(Files.exists(dataDir.resolve(key.folder()).resolve("dump")))
                .as("the local copy goes once the bucket holds it")
                .isFalse();
    }

    @Test
    void anUnknownKeyPairFailsNamingTheBucketAndCredentialButNeverTheSecret() {
        Credentials wrong = ref -> ref.equals("s3")
                ? Optional.of(new Credentials.Login("NOT-S3RVER", "not-the-secret-key"))
                : MariaDb.credentials().login(ref);
        var dumps = new Dumps(dataDir, wrong, new S3Offsite(wrong));
        var store = BackupStore.of(
                "s3://" + S3rver.BUCKET + "/denied", s3.endpoint().toString(), "s3");

        assertThatThrownBy(() -> dumps.backup(new StepKey("run-2", "backup", "s"), mariadb.url("shop"), "maria", store))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("cannot store the dump as s3://ferry-backups/denied/")
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("credential s3")
                .hasMessageNotContaining("not-the-secret-key");
    }

    @Test
    void refusesAStorageThatIsNotAnS3BucketOrHasNoCredential() {
        assertThatThrownBy(() -> BackupStore.of("ftp://backups/x", null, "s3"))
                .hasMessageContaining("storage ftp://backups/x is not s3://bucket/prefix");
        assertThatThrownBy(() -> BackupStore.of("s3://ferry-backups/x", null, " "))
                .hasMessageContaining("needs storageCredentialRef");
    }

    private static Credentials both() {
        return ref -> ref.equals("s3")
                ? S3rver.credentials().login(ref)
                : MariaDb.credentials().login(ref);
    }

    /** What the bucket holds, listed with the SDK as any S3 client would. */
    private static java.util.List<S3Object> objectsInTheBucket(String prefix) {
        try (var client = S3Client.builder()
                .httpClient(ApacheHttpClient.create())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .endpointOverride(s3.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER")))
                .build()) {
            return client.listObjectsV2(request -> request.bucket(S3rver.BUCKET))
                    .contents();
        }
    }
}
