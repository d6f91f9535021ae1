package dev.ferry.data.domain;

/**
 * A database as a plan names it: a JDBC URL without any secret ({@code jdbc:postgresql://}, or for a source
 * {@code jdbc:mariadb://} / {@code jdbc:mysql://}), and the name of the credential data-service holds for it. A URL
 * carrying a user or password is refused, so a password never travels in a plan or an event.
 */
public record DatabaseRef(String jdbcUrl, String credentialRef) {

    public DatabaseRef {
        // Reads the URL once to refuse what is not one, or carries a secret; the parts are read again on demand.
        DumpedDatabase.of(jdbcUrl);
        if (credentialRef == null || credentialRef.isBlank()) {
            throw DataStepFailure.invalid("database " + jdbcUrl + " has no credentialRef; name the credential"
                    + " data-service holds for it (ferry.data.credentials.<name>)");
        }
    }

    public DumpedDatabase.Engine engine() {
        return DumpedDatabase.of(jdbcUrl).engine();
    }

    public boolean isMariaDb() {
        return engine() == DumpedDatabase.Engine.MARIADB;
    }

    /** The database's name on its server (a MariaDB source's tables live in it). */
    public String database() {
        return DumpedDatabase.of(jdbcUrl).database();
    }

    @Override
    public String toString() {
        return jdbcUrl;
    }
}
