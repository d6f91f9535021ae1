package dev.ferry.data.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationSpecTest {

    private static final StepKey KEY = new StepKey("run-1", "copy-users", "auth-service");

    @Test
    void readsTablesWithRenamesFiltersAndTargetNames() {
        var settings = settings();
        settings.put("tables.2", "public.user_profiles");
        settings.put("renames.users.name", "full_name");
        settings.put("filters.users", "deleted_at IS NULL");
        settings.put("targetTables.public.user_profiles", "profiles");
        settings.put("maxLag", "30s");
        settings.put("mode", "merge");

        MigrationSpec spec = MigrationSpec.from(KEY, settings);

        assertThat(spec.tables())
                .containsExactly(
                        new TableMapping(
                                TableName.of("users"),
                                TableName.of("users"),
                                Map.of("name", "full_name"),
                                Optional.of("deleted_at IS NULL")),
                        new TableMapping(
                                TableName.of("user_profiles"), TableName.of("profiles"), Map.of(), Optional.empty()));
        assertThat(spec.maxLag()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.merge()).isTrue();
    }

    @Test
    void refusesARenameOrFilterOfATableThePhaseDoesNotCopy() {
        var rename = settings();
        rename.put("renames.profiles.name", "x");
        var filter = settings();
        filter.put("filters.profiles", "true");

        assertThatThrownBy(() -> MigrationSpec.from(KEY, rename))
                .hasMessage("renames.profiles.name names no table of the phase; write table.column: new_name for one of"
                        + " users");
        assertThatThrownBy(() -> MigrationSpec.from(KEY, filter))
                .hasMessage("filters.profiles names no table of the phase; the tables are users");
    }

    @Test
    void refusesAUrlThatCarriesAPasswordWithoutRepeatingIt() {
        var settings = settings();
        settings.put("sourceDatabase", "jdbc:postgresql://ferry:s3cret@monolith:5432/chat");

        assertThatThrownBy(() -> MigrationSpec.from(KEY, settings))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("carries a password or user")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void readsAMariaDbSourcesTablesInItsDatabaseAndWritesThemToPublic() {
        var settings = settings();
        settings.put("sourceDatabase", "jdbc:mariadb://monolith:3306/shop");

        var table = MigrationSpec.from(KEY, settings).tables().getFirst();

        assertThat(table.source()).isEqualTo(new TableName("shop", "users"));
        assertThat(table.target()).isEqualTo(new TableName("public", "users"));
    }

    @Test
    void refusesAMariaDbTarget() {
        var settings = settings();
        settings.put("targetDatabase", "jdbc:mariadb://auth-db:3306/auth");

        assertThatThrownBy(() -> MigrationSpec.from(KEY, settings))
                .hasMessageContaining("targetDatabase jdbc:mariadb://auth-db:3306/auth is MariaDB/MySQL");
    }

    @Test
    void refusesANameThatIsNotAnIdentifier() {
        var settings = settings();
        settings.put("tables.1", "users; DROP TABLE users");

        assertThatThrownBy(() -> MigrationSpec.from(KEY, settings))
                .hasMessageContaining("is not a plain SQL identifier");
    }

    @Test
    void namesTheSlotTheSameWayForTheSameStepOnly() {
        assertThat(KEY.slotName())
                .isEqualTo(new StepKey("run-1", "copy-users", "auth-service").slotName())
                .isNotEqualTo(new StepKey("run-2", "copy-users", "auth-service").slotName())
                .matches("ferry_[0-9a-f]{24}");
    }

    private static Map<String, String> settings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("sourceDatabase", "jdbc:postgresql://monolith:5432/chat");
        settings.put("sourceCredentialRef", "monolith-db");
        settings.put("targetDatabase", "jdbc:postgresql://auth-db:5432/auth");
        settings.put("targetCredentialRef", "auth-db");
        settings.put("tables.1", "users");
        return settings;
    }
}
