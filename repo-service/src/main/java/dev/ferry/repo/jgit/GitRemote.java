package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A repository Ferry reads or writes: a local path, {@code file://}, {@code https://} or {@code ssh://}, with the token
 * for https when the plan names one. The token is only ever handed to JGit's credentials provider; {@link #toString()}
 * and every message use {@link #redacted()}, which drops any user info written into the URL.
 */
public final class GitRemote {

    private static final int TIMEOUT_SECONDS = 120;

    private final String location;
    private final URIish uri;
    private final Optional<String> token;

    private GitRemote(String location, URIish uri, Optional<String> token) {
        this.location = location;
        this.uri = uri;
        this.token = token;
    }

    public static GitRemote of(String location, Optional<String> token) {
        if (location == null || location.isBlank()) {
            throw new SplitFailure(SplitFailure.Kind.INVALID_REQUEST, "no repository location given");
        }
        try {
            return new GitRemote(location, new URIish(location), token);
        } catch (URISyntaxException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.INVALID_REQUEST, "not a repository location: " + redact(location), e);
        }
    }

    /** Local paths and file:// URLs: Ferry's embedded default (bare repositories under its data directory). */
    public boolean isLocal() {
        return uri.getScheme() == null || "file".equals(uri.getScheme());
    }

    public Path localPath() {
        return Path.of(uri.getPath()).toAbsolutePath().normalize();
    }

    public String uri() {
        return isLocal() ? localPath().toUri().toString() : location;
    }

    public URIish parsed() {
        return uri;
    }

    public Optional<String> token() {
        return token;
    }

    <C extends TransportCommand<C, ?>> C configure(C command) {
        command.setTimeout(TIMEOUT_SECONDS);
        token.ifPresent(secret ->
                command.setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", secret)));
        return command;
    }

    /**
     * What a failed fetch or push means for the user. JGit reports HTTP 401/403 as "not authorized" or "authentication
     * is required", and a missing repository as {@link NoRemoteRepositoryException}.
     */
    SplitFailure failure(String doing, TransportException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (e.getCause() instanceof NoRemoteRepositoryException || lower.contains("not found")) {
            return new SplitFailure(
                    SplitFailure.Kind.REPOSITORY_NOT_FOUND,
                    "repository " + redacted() + " not found (" + doing + ")",
                    e);
        }
        if (lower.contains("not authorized")
                || lower.contains("authentication")
                || lower.contains("auth fail")
                || lower.contains("403")) {
            return new SplitFailure(
                    SplitFailure.Kind.AUTHENTICATION_FAILED,
                    "authentication failed for " + redacted() + " while " + doing
                            + (token.isEmpty() ? ": no credential configured" : ": the credential was refused"),
                    e);
        }
        return new SplitFailure(
                SplitFailure.Kind.UNREACHABLE,
                "cannot reach " + redacted() + " while " + doing + ": " + redact(message),
                e);
    }

    public String redacted() {
        return redact(location);
    }

    /** A file- and ref-safe name for this location (a hash, so URLs never become paths); no secret goes into it. */
    public String key() {
        return shortHash(redacted());
    }

    /** The first 16 hex digits of the SHA-1 of {@code text}: how Ferry names directories and files after text. */
    public static String shortHash(String text) {
        byte[] digest = Constants.newMessageDigest().digest(text.getBytes(StandardCharsets.UTF_8));
        return ObjectId.fromRaw(digest).name().substring(0, 16);
    }

    /** The location without user info ({@code https://user:token@host/...} becomes {@code https://host/...}). */
    public static String redact(String text) {
        return text.replaceAll("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@", "$1");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
