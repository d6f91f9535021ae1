package dev.ferry.build.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the run action's github-actions jobs ({@code ferry.build.jobs.github-actions.*}).
 *
 * @param tokenRef the credential of {@code ferry.build.credentials} whose password is the GitHub token that reads
 *     workflows and dispatches, follows and cancels runs (Actions: write, Contents: read); no github-actions jobs
 *     without it
 * @param pollInterval how often GitHub is asked about a run while no {@code workflow_run} delivery says it ended
 * @param requestTimeout how long one call to GitHub's API may take
 * @param apiUrls a REST root by GitHub host, instead of {@code https://api.github.com} for github.com and
 *     {@code https://HOST/api/v3} for an Enterprise host; keys with dots are written in brackets:
 *     {@code api-urls[github.com]}
 */
@ConfigurationProperties("ferry.build.jobs.github-actions")
public record GithubJobsProperties(
        String tokenRef, Duration pollInterval, Duration requestTimeout, Map<String, URI> apiUrls) {

    public GithubJobsProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        apiUrls = apiUrls == null ? Map.of() : Map.copyOf(apiUrls);
    }
}
