package dev.ferry.data.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A database a {@code backup-database} phase dumps, read from its JDBC URL: which engine (so which tool), the host,
 * the port and the database. A URL carrying a user or password is refused, like every database a plan names.
 */
public record DumpedDatabase(Engine engine, String host, int port, String database, String jdbcUrl) {

    /** The engines Ferry dumps, each with the tools that dump and restore it. */
    public enum Engine {
        POSTGRESQL(5432),
        MARIADB(3306);

        private final int defaultPort;

        Engine(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    public static DumpedDatabase of(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw DataStepFailure.invalid("database " + shown(jdbcUrl) + " is not a JDBC URL; write"
                    + " jdbc:postgresql://host:5432/database or jdbc:mariadb://host:3306/database");
        }
        URI uri = uri(jdbcUrl);
        Engine engine =
                switch (String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) {
                    case "postgresql" -> Engine.POSTGRESQL;
                    case "mariadb", "mysql" -> Engine.MARIADB;
                    default ->
                        throw DataStepFailure.invalid("database " + shown(jdbcUrl)
                                + " is neither PostgreSQL nor MariaDB/MySQL; backup-database dumps those two");
                };
        if (uri.getUserInfo() != null
                || String.valueOf(uri.getQuery()).toLowerCase(Locale.ROOT).contains("password")) {
            throw DataStepFailure.invalid("database URL " + uri.getHost() + uri.getPath()
                    + " carries a password or user; name the credential with credentialRef instead");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isBlank() || database.contains("/")) {
            throw DataStepFailure.invalid("database " + shown(jdbcUrl) + " names no host and database; write"
                    + " jdbc:postgresql://host:5432/database");
        }
        int port = uri.getPort() < 0 ? engine.defaultPort : uri.getPort();
        return new DumpedDatabase(engine, uri.getHost(), port, database, jdbcUrl);
    }

    private static URI uri(String jdbcUrl) {
        try {
            return new URI(jdbcUrl.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw DataStepFailure.invalid("database " + shown(jdbcUrl) + " is not a valid JDBC URL: " + e.getReason());
        }
    }

    /** The URL without what may be a secret (a user and password, the query), for messages. */
    private static String shown(String url) {
        return String.valueOf(url).replaceAll("//[^/]*@", "//").replaceAll("\\?.*", "");
    }

    @Override
    public String toString() {
        return engine.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port + "/" + database;
    }
}
