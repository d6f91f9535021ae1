package dev.ferry.build.domain;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code owner/name} from the URL of a repository on a GitHub host (https, ssh or scp-like): github.com, or a
 * GitHub Enterprise host the configuration names.
 */
public final class GithubRepositories {

    /** Scheme (and user), host with an optional port, then owner and name; user info in an https URL is skipped. */
    private static final Pattern LOCATION = Pattern.compile(
            "(?:https?://(?:[^@/]+@)?|ssh://git@|git@)(?<host>[^/:@]+(?::\\d+)?)[/:](?<owner>[^/]+)/(?<name>[^/]+?)(?:\\.git)?/?");

    private GithubRepositories() {}

    /** {@code owner/name} when {@code url} names a repository on one of {@code hosts}; empty for any other location. */
    public static Optional<String> ownerAndName(String url, Set<String> hosts) {
        Matcher m = LOCATION.matcher(url == null ? "" : url.strip());
        return m.matches() && hosts.contains(m.group("host"))
                ? Optional.of(m.group("owner") + "/" + m.group("name"))
                : Optional.empty();
    }
}
