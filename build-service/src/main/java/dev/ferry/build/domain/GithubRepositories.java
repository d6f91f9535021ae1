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

    /**
     * A repository on a GitHub host.
     *
     * @param host with the port when not the default, as {@code ferry.build.github-actions.hosts} names it
     * @param ownerAndName {@code owner/name}
     */
    public record Location(String host, String ownerAndName) {}

    private GithubRepositories() {}

    /** {@code owner/name} when {@code url} names a repository on one of {@code hosts}; empty for any other location. */
    public static Optional<String> ownerAndName(String url, Set<String> hosts) {
        return locate(url, hosts).map(Location::ownerAndName);
    }

    /** The host and {@code owner/name} when {@code url} names a repository on one of {@code hosts}. */
    public static Optional<Location> locate(String url, Set<String> hosts) {
        Matcher m = LOCATION.matcher(url == null ? "" : url.strip());
        return m.matches() && hosts.contains(m.group("host"))
                ? Optional.of(new Location(m.group("host"), m.group("owner") + "/" + m.group("name")))
                : Optional.empty();
    }
}
