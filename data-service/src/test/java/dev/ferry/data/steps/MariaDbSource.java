package dev.ferry.data.steps;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.testing.MariaDb;
import dev.ferry.data.testing.Postgres;
import dev.ferry.data.testing.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;

/**
 * MariaDB 10.11 as the source (binlog in ROW format, read by Debezium's MySQL connector) and PostgreSQL as the target;
 * the seeded users hold most of MariaDB's types, and text that tests the escaping.
 */
final class MariaDbSource implements SourceEngine {

    private MariaDb server;
    private final Postgres target;

    private MariaDbSource(MariaDb server, Postgres target) {
        this.server = server;
        this.target = target;
    }

    static MariaDbSource start() {
        return new MariaDbSource(MariaDb.start(), Postgres.withLogicalDecoding());
    }

    /** Stops mariadbd cleanly and starts it again on the same data and port, as a restart of the server would. */
    void restart() {
        server = server.restart();
    }

    @Override
    public Postgres target() {
        return target;
    }

    @Override
    public String url(String database) {
        return server.url(database);
    }

    @Override
    public String credentialRef() {
        return "maria";
    }

    @Override
    public Credentials credentials() {
        return ref -> ref.equals("maria")
                ? MariaDb.credentials().login(ref)
                : Postgres.credentials().login(ref);
    }

    @Override
    public void createSeeded(String database) {
        server.sql("CREATE DATABASE " + database + "; USE " + database + ";"
                + " CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL, name text,"
                + " active tinyint(1), created_at timestamp(3) NULL, born date, balance decimal(10,2),"
                + " avatar varbinary(16), prefs json, kind enum('free','paid'), score double, seen datetime(6),"
                + " visits int unsigned, big bigint unsigned, code char(4));"
                + " INSERT INTO users SELECT seq, CONCAT('user', seq, '@example.com'),"
                + " IF(seq % 50 = 0, CONCAT('O''Brien \\\\ back', CHAR(9), 'tab', CHAR(10), 'line', CHAR(13), '\\\\N'),"
                + " CONCAT('User ', seq)), seq % 3 <> 0,"
                + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq * 1125000 MICROSECOND,"
                + " DATE '1990-01-01' + INTERVAL seq DAY, seq * 1.25, UNHEX(MD5(seq)),"
                + " CONCAT('{\"theme\": \"dark\", \"n\": ', seq, '}'), IF(seq % 2 = 0, 'paid', 'free'), seq / 4,"
                + " TIMESTAMP '2023-06-01 12:00:00.250000' + INTERVAL seq SECOND, seq * 3, 18446744073709551615 - seq,"
                + " IF(seq % 5 = 0, NULL, 'ab') FROM seq_1_to_2000;"
                + " CREATE TABLE messages (id int unsigned PRIMARY KEY, user_id bigint, body text, sent_at datetime);"
                + " INSERT INTO messages SELECT seq, 1 + seq % 2000, REPEAT('m', seq % 50),"
                + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_5000");
    }

    /** Runs the statements through the mariadb client as root. */
    @Override
    public void run(String database, String... statements) {
        server.sql("USE " + database + "; " + String.join("; ", statements));
    }

    @Override
    public long count(String database, String sql) {
        return Long.parseLong(server.sql("USE " + database + "; " + sql));
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return server.connect(database);
    }

    @Override
    public void addUsers(String database, long from, long to) {
        run(database, "INSERT INTO users (id, email) SELECT seq, CONCAT('late', seq) FROM " + seq(from, to));
    }

    @Override
    public void addMessages(String database, long from, long to, String body) {
        run(database, "INSERT INTO messages (id, user_id, body) SELECT seq, 1, '" + body + "' FROM " + seq(from, to));
    }

    /** MariaDB's sequence engine: a table of the numbers from {@code from} to {@code to} in a column {@code seq}. */
    private static String seq(long from, long to) {
        return "seq_" + from + "_to_" + to;
    }

    @Override
    public long messagesForALongCopy() {
        return 200000;
    }

    /** A filter in MariaDB's SQL: user 2 is active and paid, user 6 is paid but inactive (a multiple of three). */
    @Override
    public UsersFilter usersFilter() {
        return new UsersFilter("active AND kind = 'paid'", 2, 6);
    }

    /** A binlog file and an offset in it. */
    @Override
    public String positionPattern() {
        return ".*binlog\\.[0-9]+:[0-9]+";
    }

    @Override
    public long streamsHeld(String database) {
        return count(database, "SELECT COUNT(*) FROM ferry_markers");
    }

    /**
     * Key, text columns and numbers of every row as JDBC reads them, one line a row, to compare the engines directly
     * (each prints the other columns its own way).
     */
    @Override
    public String rows(Statements.Opener database, String table) throws SQLException {
        String columns =
                table.equals("users") ? "id, email, name, balance, born, visits" : "id, user_id, body, sent_at";
        var rows = new ArrayList<String>();
        try (var connection = database.open();
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY id")) {
            int count = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= count; i++) {
                    row.append(result.getObject(i) == null ? "null" : result.getString(i))
                            .append('|');
                }
                rows.add(row.toString());
            }
        }
        return String.join("\n", rows);
    }

    @Override
    public void close() {
        target.close();
        server.close();
    }
}
