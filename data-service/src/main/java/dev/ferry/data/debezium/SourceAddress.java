package dev.ferry.data.debezium;

import dev.ferry.data.domain.DataStepFailure;
import java.net.URI;

/** Host, port and database of a {@code jdbc:postgresql://} URL, as Debezium's connector takes them. */
record SourceAddress(String host, int port, String database) {

    static SourceAddress of(String jdbcUrl) {
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String path = uri.getPath();
            if (uri.getHost() == null || path == null || path.length() < 2) {
                throw new IllegalArgumentException("no host or database");
            }
            return new SourceAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1));
        } catch (IllegalArgumentException e) {
            throw DataStepFailure.invalid("source " + jdbcUrl + " is not jdbc:postgresql://host:port/database");
        }
    }
}
