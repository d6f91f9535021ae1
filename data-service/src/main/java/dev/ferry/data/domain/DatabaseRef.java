package dev.ferry.data.domain;

import java.util.Locale;

/**
 * A database as a plan names it: a JDBC URL without any secret, and the name of the credential data-service holds for
 * it. A URL carrying a password is refused, so a password never travels in a plan or an event.
 */
public record DatabaseRef(String jdbcUrl, String credentialRef) {

    public DatabaseRef {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw DataStepFailure.invalid("database " + jdbcUrl
                    + " is not a PostgreSQL JDBC URL; write it as jdbc:postgresql://host:5432/database");
        }
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.contains("password=")
                || jdbcUrl.substring("jdbc:postgresql://".length()).contains("@")) {
            throw DataStepFailure.invalid("database URL of credential " + credentialRef
                    + " carries a password or user; name the credential with credentialRef instead");
        }
        if (credentialRef == null || credentialRef.isBlank()) {
            throw DataStepFailure.invalid("database " + jdbcUrl + " has no credentialRef; name the credential"
                    + " data-service holds for it (ferry.data.credentials.<name>)");
        }
    }

    @Override
    public String toString() {
        return jdbcUrl;
    }
}
