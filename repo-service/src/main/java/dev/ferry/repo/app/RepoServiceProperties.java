package dev.ferry.repo.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * repo-service settings ({@code ferry.repo.*}).
 *
 * @param dataDirectory where source mirrors, work repositories and saved split states live
 * @param githubApi GitHub's REST root ({@code https://api.github.com}, or {@code https://HOST/api/v3} for Enterprise)
 * @param githubHosts hosts whose https clone URLs are GitHub repositories, created through {@code githubApi} if missing
 */
@ConfigurationProperties("ferry.repo")
public record RepoServiceProperties(Path dataDirectory, URI githubApi, Set<String> githubHosts) {

    public RepoServiceProperties {
        dataDirectory = dataDirectory == null ? Path.of("ferry-data", "repo-service") : dataDirectory;
        githubApi = githubApi == null ? URI.create("https://api.github.com") : githubApi;
        githubHosts = githubHosts == null ? Set.of("github.com") : Set.copyOf(githubHosts);
    }
}
