package dev.ferry.repo.github;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** A repository on a GitHub host, recognised from its clone URL ({@code https://github.com/acme/users.git}). */
public record GithubRepository(String owner, String name) {

    /** The repository a clone URL names when its host is one of {@code githubHosts}; empty for any other location. */
    public static Optional<GithubRepository> fromCloneUrl(String location, Set<String> githubHosts) {
        if (location == null || !(location.startsWith("https://") || location.startsWith("http://"))) {
            return Optional.empty();
        }
        URI uri = URI.create(location);
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        if (host == null || !githubHosts.contains(host)) {
            return Optional.empty();
        }
        String[] segments =
                uri.getPath().replaceFirst("^/", "").replaceFirst("\\.git$", "").split("/");
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GithubRepository(segments[0], segments[1]));
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
