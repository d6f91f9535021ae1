package dev.ferry.data.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MariaDbTypesTest {

    @Test
    void widensUnsignedIntegersSoEveryValueFits() {
        assertThat(type("smallint", "smallint(5) unsigned")).hasValue("integer");
        assertThat(type("int", "int(10) unsigned")).hasValue("bigint");
        assertThat(type("bigint", "bigint(20) unsigned")).hasValue("numeric(20,0)");
        assertThat(type("bigint", "bigint(20)")).hasValue("bigint");
    }

    @Test
    void keepsSizesPrecisionsAndFractionsOfSeconds() {
        assertThat(MariaDbTypes.postgresType(new MariaDbTypes.Column("decimal", "decimal(10,2)", null, 10L, 2L, null)))
                .hasValue("numeric(10,2)");
        assertThat(MariaDbTypes.postgresType(
                        new MariaDbTypes.Column("varchar", "varchar(200)", 200L, null, null, null)))
                .hasValue("character varying(200)");
        assertThat(MariaDbTypes.postgresType(new MariaDbTypes.Column("datetime", "datetime(6)", null, null, null, 6L)))
                .hasValue("timestamp(6) without time zone");
        assertThat(MariaDbTypes.postgresType(new MariaDbTypes.Column("timestamp", "timestamp", null, null, null, 0L)))
                .hasValue("timestamp(0) with time zone");
    }

    @Test
    void refusesTypesWithoutAnExactHome() {
        assertThat(type("point", "point")).isEmpty();
        assertThat(type("bit", "bit(3)")).isEmpty();
        assertThat(type("uuid", "uuid")).isEmpty();
        assertThat(type("geometry", "geometry")).isEmpty();
    }

    private static java.util.Optional<String> type(String dataType, String columnType) {
        return MariaDbTypes.postgresType(new MariaDbTypes.Column(dataType, columnType, null, null, null, null));
    }
}
