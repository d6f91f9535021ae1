package dev.ferry.data.testing;

import java.sql.Connection;
import java.sql.SQLException;

/** What the tests do on a fresh connection: run statements, read one value. The connection is closed after. */
public final class Statements {

    /** Opens a connection to the test's database. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    private Statements() {}

    /** Runs the statements, each in its own transaction. */
    public static void run(Opener opener, String... statements) {
        try (Connection connection = opener.open();
                var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the query's first row, as text. */
    public static String text(Opener opener, String sql) {
        try (Connection connection = opener.open();
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every row of a PostgreSQL table, every column as PostgreSQL prints it, in id order, digested and counted: two
     * tables give the same text only when they hold the same rows.
     */
    public static String postgresRows(Opener opener, String table) {
        return text(
                opener, "SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) || ':' || count(*) FROM " + table + " t");
    }
}
