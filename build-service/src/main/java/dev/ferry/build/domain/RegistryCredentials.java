package dev.ferry.build.domain;

/** User name and password (or token) for a registry. Never printed: {@link #toString()} hides the secret. */
public record RegistryCredentials(String username, String password) {

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
