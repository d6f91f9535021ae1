package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.repo.github.GithubRepositories;
import dev.ferry.repo.github.GithubSettings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RepoServiceProperties.class)
class RepoServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Tokens come from the environment: {@code ferry.credentials.<ref>} or the variable {@code FERRY_CREDENTIAL_<REF>}
     * (upper case, other characters as underscores), so they live in a Kubernetes Secret, never in a plan or event.
     */
    @Bean
    CredentialStore credentialStore(Environment environment) {
        return reference -> Optional.ofNullable(environment.getProperty("ferry.credentials." + reference))
                .or(() -> Optional.ofNullable(environment.getProperty(
                        "FERRY_CREDENTIAL_" + reference.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"))));
    }

    @Bean
    RepoPhaseHandler splitPhaseHandler(RepoServiceProperties properties, CredentialStore credentials, Clock clock) {
        var http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new RepoPhaseHandler(
                properties.dataDirectory(),
                new RepoPhaseHandler.Github(
                        properties.githubHosts(),
                        new GithubRepositories(properties.githubApi(), http),
                        new GithubSettings(properties.githubApi(), http)),
                credentials,
                MetadataFactory.forProducer("repo-service", clock),
                clock);
    }
}
