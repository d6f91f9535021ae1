package dev.ferry.data.steps;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.testing.Postgres;
import dev.ferry.data.testing.Statements;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A source database engine as the shared {@link MigrationScenarios} use it: its running server beside the PostgreSQL
 * server of the targets, a seeded source database, and the engine's own SQL for what the scenarios do to the source.
 */
interface SourceEngine extends AutoCloseable {

    /** The server the target databases are created in. */
    Postgres target();

    String url(String database);

    /** The credential reference of the source in a step's settings. */
    String credentialRef();

    /** What data-service holds: the source's login under {@link #credentialRef()} and the target's under {@code db}. */
    Credentials credentials();

    /**
     * Creates the database with 2000 users (ids 1 to 2000; id, email, name and active among their columns, every third
     * inactive, named {@code User <id>} unless a name tests the escaping) and 5000 messages (ids 1 to 5000; id, user_id
     * of a seeded user, body, sent_at).
     */
    void createSeeded(String database);

    /** Runs statements in the source database. */
    void run(String database, String... statements);

    long count(String database, String sql);

    /** A connection to the source database as data-service logs in, for a {@link dev.ferry.data.testing.Writer}. */
    Connection connect(String database) throws SQLException;

    /** Inserts users with ids {@code from} to {@code to}, with an email and nothing else. */
    void addUsers(String database, long from, long to);

    /** Inserts messages of user 1 with ids {@code from} to {@code to} and the body, without a time. */
    void addMessages(String database, long from, long to, String body);

    /** How many messages make the copy last long enough for a test to stop data-service in the middle of it. */
    long messagesForALongCopy();

    /** A filter on the seeded users, in the engine's SQL, for a migration that copies only some of them. */
    UsersFilter usersFilter();

    /** What a position in the engine's change log looks like, as verification and cutover report it. */
    String positionPattern();

    /** How many streams hold a place in the source: replication slots in PostgreSQL, marker rows in MariaDB. */
    long streamsHeld(String database);

    /**
     * Every row of the table as text, in key order, read alike from the source and from the PostgreSQL target: equal
     * texts mean equal tables.
     */
    String rows(Statements.Opener database, String table) throws SQLException;

    @Override
    void close();

    /**
     * A filter on users in the source's SQL, a user it keeps that becomes inactive ({@code leaving}) and an inactive
     * user it would keep once active ({@code entering}).
     */
    record UsersFilter(String where, long leaving, long entering) {}
}
