package dev.ferry.build.domain;

import java.util.Optional;

/** Port: resolves a plan's {@code credentialRef} (a secret's name, never the secret) into registry credentials. */
@FunctionalInterface
public interface RegistrySecrets {

    /** The credentials stored under {@code reference}; empty when the reference is null or unknown. */
    Optional<RegistryCredentials> lookup(String reference);
}
