package dev.ferry.build.job.github;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.GithubRepositories;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Which GitHub API serves a job's repository, and with what token: {@code https://api.github.com} for github.com,
 * {@code https://HOST/api/v3} for a GitHub Enterprise host of {@code ferry.build.github-actions.hosts}, unless
 * {@code apis} names another root for the host.
 */
public final class GithubApis {

    static final String GITHUB = "github.com";
    private static final Pattern OWNER_AND_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    private final HttpClient http;
    private final Set<String> hosts;
    private final Map<String, URI> apis;
    private final Supplier<Optional<String>> token;
    private final Duration timeout;

    /**
     * @param hosts the hosts whose repository URLs are on GitHub
     * @param apis a REST root by host, instead of the one the host implies (a proxy, or a stand-in in tests)
     * @param token the token's value, read when a job starts so a rotated credential is taken up
     * @param timeout how long one request may take
     */
    public GithubApis(
            HttpClient http,
            Set<String> hosts,
            Map<String, URI> apis,
            Supplier<Optional<String>> token,
            Duration timeout) {
        this.http = http;
        this.hosts = Set.copyOf(hosts);
        this.apis = Map.copyOf(apis);
        this.token = token;
        this.timeout = timeout;
    }

    /**
     * Calls about {@code repository}: a repository URL on one of the hosts, or {@code owner/name} on github.com.
     */
    GithubRest forRepository(String repository) {
        GithubRepositories.Location location = locate(repository);
        String value = token.get()
                .orElseThrow(() -> BuildFailure.permanent(
                        FailureKind.AUTHENTICATION,
                        "no GitHub token to dispatch workflows in " + location.ownerAndName()
                                + ": set ferry.build.jobs.github-actions.token-ref to the name of a credential in"
                                + " ferry.build.credentials whose password is a token with Actions: write"));
        return new GithubRest(http, api(location.host()), location.ownerAndName(), value, timeout);
    }

    private GithubRepositories.Location locate(String repository) {
        if (OWNER_AND_NAME.matcher(repository).matches()) {
            return new GithubRepositories.Location(GITHUB, repository);
        }
        return GithubRepositories.locate(repository, hosts)
                .orElseThrow(() -> BuildFailure.permanent(
                        FailureKind.INVALID_INPUT,
                        "a github-actions job needs its service's repository on GitHub, but " + repository
                                + " is not on a GitHub host ("
                                + String.join(", ", hosts.stream().sorted().toList())
                                + ", ferry.build.github-actions.hosts)"));
    }

    private URI api(String host) {
        URI configured = apis.get(host);
        if (configured != null) {
            return configured;
        }
        return URI.create(host.equals(GITHUB) ? "https://api.github.com" : "https://" + host + "/api/v3");
    }
}
