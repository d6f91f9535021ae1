package dev.ferry.data.steps;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.testing.Postgres;
import dev.ferry.data.testing.Statements;
import java.sql.Connection;

/** PostgreSQL as the source: the source databases live in the targets' server, which has logical decoding on. */
record PostgresSource(Postgres server) implements SourceEngine {

    static PostgresSource start() {
        return new PostgresSource(Postgres.withLogicalDecoding());
    }

    @Override
    public Postgres target() {
        return server;
    }

    @Override
    public String url(String database) {
        return server.url(database);
    }

    @Override
    public String credentialRef() {
        return "db";
    }

    @Override
    public Credentials credentials() {
        return Postgres.credentials();
    }

    @Override
    public void createSeeded(String database) {
        server.createDatabase(database);
        server.run(
                database,
                "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL, name text, active boolean,"
                        + " created_at timestamptz DEFAULT now(), born date, balance numeric(10,2), avatar bytea,"
                        + " prefs jsonb, token uuid)",
                "INSERT INTO users SELECT g, 'user' || g || '@example.com', 'User ' || g, g % 3 <> 0,"
                        + " now() - g * interval '1 minute', date '1990-01-01' + g, g * 1.25, decode(md5(g::text), 'hex'),"
                        + " jsonb_build_object('theme', 'dark', 'n', g), gen_random_uuid() FROM generate_series(1, 2000) g",
                "CREATE TABLE messages (id bigint PRIMARY KEY, user_id bigint, body text, sent_at timestamp)",
                "INSERT INTO messages SELECT g, 1 + g % 2000, repeat('m', g % 50), timestamp '2024-01-01' + g * interval '1 second'"
                        + " FROM generate_series(1, 5000) g");
    }

    @Override
    public void run(String database, String... statements) {
        server.run(database, statements);
    }

    @Override
    public long count(String database, String sql) {
        return server.count(database, sql);
    }

    @Override
    public Connection connect(String database) {
        return server.connect(database);
    }

    @Override
    public void addUsers(String database, long from, long to) {
        server.run(
                database,
                "INSERT INTO users (id, email) SELECT g, 'late' || g || '@example.com' FROM generate_series(" + from
                        + ", " + to + ") g");
    }

    @Override
    public void addMessages(String database, long from, long to, String body) {
        server.run(
                database,
                "INSERT INTO messages SELECT g, 1, '" + body + "' FROM generate_series(" + from + ", " + to + ") g");
    }

    @Override
    public long messagesForALongCopy() {
        return 600000;
    }

    /** User 1 is active, user 3 (a multiple of three) is not. */
    @Override
    public UsersFilter usersFilter() {
        return new UsersFilter("active", 1, 3);
    }

    /** A log sequence number. */
    @Override
    public String positionPattern() {
        return "[0-9A-F]+/[0-9A-F]+";
    }

    @Override
    public long streamsHeld(String database) {
        return server.count(database, "SELECT count(*) FROM pg_replication_slots WHERE database = current_database()");
    }

    /** Every column, as PostgreSQL prints a row, digested: the source and the target are the same engine. */
    @Override
    public String rows(Statements.Opener database, String table) {
        return Statements.postgresRows(database, table);
    }

    @Override
    public void close() {
        server.close();
    }
}
