package dev.ferry.data.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DumpedDatabaseTest {

    @Test
    void readsTheEngineHostPortAndDatabaseOfAJdbcUrl() {
        assertThat(DumpedDatabase.of("jdbc:postgresql://monolith-db/chat"))
                .extracting(
                        DumpedDatabase::engine, DumpedDatabase::host, DumpedDatabase::port, DumpedDatabase::database)
                .containsExactly(DumpedDatabase.Engine.POSTGRESQL, "monolith-db", 5432, "chat");
        assertThat(DumpedDatabase.of("jdbc:mariadb://db:3307/shop?useSsl=true"))
                .extracting(DumpedDatabase::engine, DumpedDatabase::port, DumpedDatabase::database)
                .containsExactly(DumpedDatabase.Engine.MARIADB, 3307, "shop");
        assertThat(DumpedDatabase.of("jdbc:mysql://db/shop").engine()).isEqualTo(DumpedDatabase.Engine.MARIADB);
    }

    @Test
    void refusesOtherEnginesAndUrlsCarryingSecretsWithoutPrintingThem() {
        assertThatThrownBy(() -> DumpedDatabase.of("jdbc:oracle://db:1521/x"))
                .hasMessageContaining("neither PostgreSQL nor MariaDB/MySQL");
        assertThatThrownBy(() -> DumpedDatabase.of("jdbc:postgresql://db:5432/shop?password=hunter2"))
                .hasMessageContaining("carries a password or user")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DumpedDatabase.of("jdbc:mariadb://root:hunter2@db/shop"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DumpedDatabase.of("jdbc:postgresql://db:5432/"))
                .hasMessageContaining("names no host and database");
    }
}
