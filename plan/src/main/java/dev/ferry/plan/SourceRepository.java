package dev.ferry.plan;

/**
 * The (mono-)repository the services are split out of.
 *
 * @param credentialRef name of the secret holding a token to read it; null for none (never the token itself)
 */
public record SourceRepository(String repository, String branch, String credentialRef) {}
