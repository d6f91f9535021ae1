package dev.ferry.build.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code owner/name} from a GitHub repository URL (https, ssh or scp-like). */
public final class GithubRepositories {

    private static final Pattern GITHUB =
            Pattern.compile("(?:https?://|ssh://git@|git@)github\\.com[/:]([^/]+)/([^/]+?)(?:\\.git)?/?");

    private GithubRepositories() {}

    public static Optional<String> ownerAndName(String url) {
        Matcher m = GITHUB.matcher(url == null ? "" : url.strip());
        return m.matches() ? Optional.of(m.group(1) + "/" + m.group(2)) : Optional.empty();
    }
}
