package dev.ferry.data.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of data-service ({@code ferry.data.*}).
 *
 * @param dataDir where each migration's record and Debezium offsets are kept; it must survive restarts
 * @param credentials database logins by the name a plan's {@code credentialRef} uses; passwords never leave this map
 */
@ConfigurationProperties("ferry.data")
public record DataProperties(Path dataDir, Map<String, Credential> credentials) {

    public DataProperties {
        dataDir = dataDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "ferry-data") : dataDir;
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /** A database login; {@link #toString()} hides the password so a dump of the settings cannot leak it. */
    public record Credential(String username, String password) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", password=***]";
        }
    }
}
