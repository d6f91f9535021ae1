package dev.ferry.build.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * build-service settings ({@code ferry.build.*}).
 *
 * @param workDirectory where commits are checked out for a build (one temporary folder per build)
 * @param cacheDirectory Jib's base and application layer caches, kept between builds
 * @param archiveDirectory where images go as archives when a plan names no registry
 * @param plainHttpRegistries registry hosts reached over plain HTTP (a local registry); never a production one
 * @param credentials registry credentials by the name a plan's {@code credentialRef} gives
 * @param retryAttempts attempts at an unreachable registry before the step fails
 * @param retryPause pause before the second attempt, doubled after each one
 * @param progressStep fraction of a push between two {@code step.progress} events
 * @param ecr how ECR's API is reached
 * @param githubActions how long the github-actions builder waits for a workflow run
 * @param buildah where the buildah builder finds its program and keeps its images and layer cache
 * @param jobs how the run action's jobs run and where their logs are kept
 */
@ConfigurationProperties("ferry.build")
public record BuildProperties(
        Path workDirectory,
        Path cacheDirectory,
        Path archiveDirectory,
        Set<String> plainHttpRegistries,
        Map<String, Credentials> credentials,
        Integer retryAttempts,
        Duration retryPause,
        Double progressStep,
        Ecr ecr,
        GithubActions githubActions,
        Buildah buildah,
        Jobs jobs) {

    public BuildProperties {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "ferry-build");
        workDirectory = workDirectory == null ? base.resolve("checkouts") : workDirectory;
        cacheDirectory = cacheDirectory == null ? base.resolve("cache") : cacheDirectory;
        archiveDirectory = archiveDirectory == null ? base.resolve("images") : archiveDirectory;
        plainHttpRegistries = plainHttpRegistries == null ? Set.of() : Set.copyOf(plainHttpRegistries);
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        retryAttempts = retryAttempts == null ? 3 : retryAttempts;
        retryPause = retryPause == null ? Duration.ofSeconds(2) : retryPause;
        progressStep = progressStep == null ? 0.1 : progressStep;
        ecr = ecr == null ? new Ecr(null, null, Set.of()) : ecr;
        githubActions = githubActions == null ? new GithubActions(null, null, null, null, null) : githubActions;
        githubActions = githubActions.stateDirectory() == null
                ? githubActions.withStateDirectory(base.resolve("github-actions-waits"))
                : githubActions;
        buildah = buildah == null ? new Buildah(null, null, null, null) : buildah;
        buildah = buildah.storageDirectory() == null
                ? new Buildah(buildah.executable(), base.resolve("buildah"), buildah.required(), buildah.timeout())
                : buildah;
        jobs = jobs == null ? new Jobs(null, null, null, null) : jobs;
        jobs = jobs.logDirectory() == null
                ? new Jobs(jobs.concurrency(), base.resolve("job-logs"), jobs.maxLogBytes(), jobs.publicUrl())
                : jobs;
    }

    /** A credential's value for a job's variable: its password (or token). */
    public Optional<String> secretValue(String reference) {
        return Optional.ofNullable(credentials.get(reference)).map(Credentials::password);
    }

    /** A user name and password (or token); {@link #toString()} hides the password. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    /**
     * @param region AWS region of the ECR API; null to read it from the host name ({@code *.dkr.ecr.REGION.*})
     * @param endpointOverride ECR API endpoint instead of AWS's (a VPC endpoint, or a stand-in in tests)
     * @param registries extra registry hosts to treat as ECR besides {@code *.dkr.ecr.*.amazonaws.com}
     */
    public record Ecr(String region, URI endpointOverride, Set<String> registries) {
        public Ecr {
            registries = registries == null ? Set.of() : Set.copyOf(registries);
        }
    }

    /**
     * @param timeout how long a step waits for its workflow run, unless the plan says otherwise
     * @param keepUnclaimedRuns how long a finished run nobody waits for yet is remembered
     * @param checkInterval how often waits past their deadline are failed (read by the scheduler's annotation)
     * @param hosts hosts (with the port when not the default) whose repository URLs are on GitHub: github.com, or a
     *     GitHub Enterprise server's
     * @param stateDirectory where each step waiting for its run is saved until answered, so a restart resumes it; keep
     *     it on a volume
     */
    public record GithubActions(
            Duration timeout,
            Duration keepUnclaimedRuns,
            Duration checkInterval,
            Set<String> hosts,
            Path stateDirectory) {
        public GithubActions {
            hosts = hosts == null || hosts.isEmpty() ? Set.of("github.com") : Set.copyOf(hosts);
            checkInterval = checkInterval == null ? Duration.ofSeconds(5) : checkInterval;
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
            keepUnclaimedRuns = keepUnclaimedRuns == null ? Duration.ofHours(1) : keepUnclaimedRuns;
        }

        GithubActions withStateDirectory(Path directory) {
            return new GithubActions(timeout, keepUnclaimedRuns, checkInterval, hosts, directory);
        }
    }

    /**
     * @param executable the buildah program: a name looked up on PATH, or a path
     * @param storageDirectory buildah's images, layer cache and configuration; keep it between builds (a volume) so
     *     warm rebuilds reuse layers
     * @param required whether build-service refuses to start without buildah (set it when plans build Dockerfiles
     *     with RUN); otherwise only the builds that need it fail
     * @param timeout how long one buildah build or push may run before the step fails as TIMEOUT
     */
    public record Buildah(String executable, Path storageDirectory, Boolean required, Duration timeout) {
        public Buildah {
            executable = executable == null || executable.isBlank() ? "buildah" : executable;
            required = required != null && required;
            timeout = timeout == null ? Duration.ofHours(1) : timeout;
        }
    }

    /**
     * @param concurrency how many jobs run at once on this instance; more wait their turn
     * @param logDirectory where each job's whole output is kept, a file per job
     * @param maxLogBytes how much of a job's output is kept, the newest lines (older ones are dropped with a note)
     * @param publicUrl how people reach this build-service, for the log links in results; by default this host's
     *     address and the port it listens on
     */
    public record Jobs(Integer concurrency, Path logDirectory, Long maxLogBytes, URI publicUrl) {
        public Jobs {
            concurrency = concurrency == null ? 2 : concurrency;
            maxLogBytes = maxLogBytes == null ? 1024L * 1024 : maxLogBytes;
        }
    }
}
