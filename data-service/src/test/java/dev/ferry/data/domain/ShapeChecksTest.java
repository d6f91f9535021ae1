package dev.ferry.data.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShapeChecksTest {

    private static final TableMapping USERS = new TableMapping(
            TableName.of("users"), TableName.of("accounts"), Map.of("name", "full_name"), Optional.empty());
    private static final TableShape SOURCE = new TableShape(
            TableName.of("users"),
            List.of(
                    new TableShape.Column("id", "bigint", false),
                    new TableShape.Column("email", "character varying(200)", false),
                    new TableShape.Column("name", "text", true),
                    new TableShape.Column("balance", "numeric(10,2)", true)),
            List.of("id"));

    @Test
    void refusesATableWithoutPrimaryKeyAndATypeItDoesNotCarry() {
        var shape = new TableShape(
                TableName.of("audit"),
                List.of(new TableShape.Column("tags", "text[]", true), new TableShape.Column("mood", "mood", true)),
                List.of());
        var mapping =
                new TableMapping(TableName.of("audit"), TableName.of("audit"), Map.of("nope", "x"), Optional.empty());

        assertThat(ShapeChecks.ofSource(mapping, shape))
                .containsExactly(
                        "table public.audit has no primary key; data-service applies changes by key, so add one (or"
                                + " leave the table out of tables)",
                        "renames.audit.nope: table public.audit has no column nope",
                        "column public.audit.tags has type text[], which data-service does not copy; leave the table"
                                + " out or change the column",
                        "column public.audit.mood has type mood, which data-service does not copy; leave the table"
                                + " out or change the column");
    }

    @Test
    void aTargetColumnHoldsTheSameTypeALargerSizeOrTextForCharacters() {
        assertThat(ShapeChecks.holds("character varying(255)", "character varying(200)"))
                .isTrue();
        assertThat(ShapeChecks.holds("text", "character varying(200)")).isTrue();
        assertThat(ShapeChecks.holds("numeric", "numeric(10,2)")).isTrue();
        assertThat(ShapeChecks.holds("numeric(12,2)", "numeric(10,2)")).isTrue();
        assertThat(ShapeChecks.holds("character varying(20)", "character varying(200)"))
                .isFalse();
        assertThat(ShapeChecks.holds("numeric(10,1)", "numeric(10,2)")).isFalse();
        assertThat(ShapeChecks.holds("integer", "bigint")).isFalse();
    }

    @Test
    void namesEachColumnAnExistingTargetCannotHold() {
        var target = new TableShape(
                TableName.of("accounts"),
                List.of(
                        new TableShape.Column("id", "bigint", false),
                        new TableShape.Column("email", "character varying(50)", false),
                        new TableShape.Column("full_name", "text", true)),
                List.of("id"));

        assertThat(ShapeChecks.ofTarget(USERS, SOURCE, target))
                .containsExactly(
                        "target column public.accounts.email is character varying(50) and cannot hold"
                                + " public.users.email (character varying(200))",
                        "target table public.accounts has no column balance for public.users.balance");
    }

    @Test
    void createsTheTargetTableWithTheRenamesAndThePrimaryKey() {
        assertThat(ShapeChecks.createTable(USERS, SOURCE))
                .isEqualTo(
                        "CREATE TABLE \"public\".\"accounts\" (\"id\" bigint NOT NULL, \"email\" character"
                                + " varying(200) NOT NULL, \"full_name\" text, \"balance\" numeric(10,2), PRIMARY KEY (\"id\"))");
    }
}
