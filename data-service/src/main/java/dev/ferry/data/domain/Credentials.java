package dev.ferry.data.domain;

import java.util.Optional;

/** The logins data-service holds, by the name a plan's {@code credentialRef} uses; the plan never holds one. */
@FunctionalInterface
public interface Credentials {

    Optional<Login> login(String credentialRef);

    /** A user and password; {@link #toString()} hides the password so no log or event can carry it. */
    record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=***]";
        }
    }
}
