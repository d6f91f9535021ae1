package dev.ferry.repo.app;

import java.util.Optional;

/** Tokens by the name a plan refers to them with ({@code credentialRef}); plans and events never hold a token. */
@FunctionalInterface
public interface CredentialStore {

    Optional<String> token(String reference);
}
