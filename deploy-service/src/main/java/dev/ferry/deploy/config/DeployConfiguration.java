package dev.ferry.deploy.config;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.deploy.domain.ArgoSyncWatcher;
import dev.ferry.deploy.domain.DeployStepRunner;
import dev.ferry.deploy.domain.OncePerStep;
import dev.ferry.deploy.domain.Pause;
import dev.ferry.deploy.domain.RolloutWatcher;
import dev.ferry.deploy.domain.WriteBacks;
import dev.ferry.deploy.domain.check.SmokeChecks;
import dev.ferry.deploy.domain.compose.ComposeManifests;
import dev.ferry.deploy.http.HttpSmokeProbe;
import dev.ferry.deploy.jgit.JGitWorkspaces;
import dev.ferry.deploy.k8s.FabricClusters;
import dev.ferry.deploy.k8s.FabricManifests;
import dev.ferry.deploy.traffic.GitOpsRouteFiles;
import dev.ferry.deploy.traffic.Metrics;
import dev.ferry.deploy.traffic.ShiftTiming;
import dev.ferry.deploy.traffic.kafka.TrafficShifts;
import dev.ferry.deploy.traffic.prometheus.PrometheusMetrics;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepHeartbeats;
import dev.ferry.runtime.TracedExecutors;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one place deploy-service is wired: domain workflow, JGit, fabric8 and the clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeployProperties.class)
class DeployConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MetadataFactory metadataFactory(Clock clock) {
        return MetadataFactory.forProducer("deploy-service", clock);
    }

    /**
     * Steps mostly wait (on git, on Argo CD); a virtual thread each costs next to nothing. Each runs in its request's
     * trace.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService deployExecutor() {
        return TracedExecutors.inSubmittersContext(Executors.newVirtualThreadPerTaskExecutor());
    }

    @Bean
    WriteBacks writeBacks(DeployProperties properties, ExecutorService deployExecutor, MeterRegistry registry) {
        var writeBacks = new WriteBacks(
                workspaces(properties, properties.workspaceDir()), deployExecutor, properties.maxPushAttempts());
        FunctionCounter.builder("ferry.gitops.push.conflicts", writeBacks, WriteBacks::pushesRejected)
                .description("GitOps pushes refused because another write moved the branch first (each is retried)")
                .register(registry);
        return writeBacks;
    }

    /**
     * Manifests steps read the source's compose file from working copies of their own, so that a source that is also
     * the GitOps repository never shares a working copy with the write-back.
     */
    @Bean
    ComposeManifests composeManifests(DeployProperties properties, WriteBacks writeBacks, FabricClusters clusters) {
        return new ComposeManifests(
                workspaces(properties, properties.workspaceDir().resolve("sources")),
                writeBacks,
                new FabricManifests(),
                clusters);
    }

    private static JGitWorkspaces workspaces(DeployProperties properties, java.nio.file.Path root) {
        return new JGitWorkspaces(
                root,
                ref -> {
                    var credential = properties.credentials().get(ref);
                    return credential == null
                            ? null
                            : new JGitWorkspaces.Credentials(credential.username(), credential.token());
                },
                properties.authorName(),
                properties.authorEmail());
    }

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(DeployProperties properties) {
        Config config =
                properties.kubernetesUrl() == null || properties.kubernetesUrl().isBlank()
                        ? Config.autoConfigure(null)
                        : new ConfigBuilder()
                                .withMasterUrl(properties.kubernetesUrl())
                                .withTrustCerts(true)
                                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Bean
    Pause pause() {
        return duration -> Thread.sleep(duration);
    }

    /** One client per environment's cluster, kept; the default client for environments without settings. */
    @Bean(destroyMethod = "close")
    FabricClusters clusters(KubernetesClient kubernetes, DeployProperties properties) {
        var clusters = new java.util.LinkedHashMap<String, FabricClusters.Cluster>();
        properties
                .clusters()
                .forEach((env, c) -> clusters.put(
                        env,
                        new FabricClusters.Cluster(
                                c.url(),
                                Optional.ofNullable(c.credentialRef()).filter(r -> !r.isBlank()),
                                c.argocdNamespace())));
        return new FabricClusters(kubernetes, properties.argocdNamespace(), clusters, ref -> Optional.ofNullable(
                        properties.credentials().get(ref))
                .map(DeployProperties.Credential::token));
    }

    @Bean
    DeployStepRunner deployStepRunner(
            WriteBacks writeBacks, FabricClusters clusters, DeployProperties properties, Clock clock, Pause pause) {
        return new DeployStepRunner(
                writeBacks,
                clusters,
                applications -> new ArgoSyncWatcher(applications, clock, pause, properties.pollInterval()),
                deployments -> new RolloutWatcher(deployments, clock, pause, properties.pollInterval()),
                new SmokeChecks(new HttpSmokeProbe(), clock, pause, properties.pollInterval()),
                clock);
    }

    @Bean(destroyMethod = "close")
    StepHeartbeats stepHeartbeats(EventPublisher publisher, MetadataFactory metadata) {
        return new StepHeartbeats(publisher, metadata, StepHeartbeats.DEFAULT_INTERVAL);
    }

    @Bean
    TrafficShifts trafficShifts(
            WriteBacks writeBacks,
            DeployProperties properties,
            OncePerStep once,
            EventPublisher publisher,
            MetadataFactory metadata,
            StepHeartbeats heartbeats,
            ExecutorService deployExecutor,
            Clock clock,
            Pause pause) {
        DeployProperties.Traffic traffic = properties.traffic();
        Optional<Metrics> prometheus = Optional.ofNullable(traffic.prometheusUrl())
                .map(url -> new PrometheusMetrics(url, traffic.queryTimeout()));
        return new TrafficShifts(
                new GitOpsRouteFiles(writeBacks),
                prometheus,
                traffic.stateDirectory(),
                once,
                publisher,
                metadata,
                heartbeats,
                deployExecutor,
                clock,
                pause,
                new ShiftTiming(traffic.longestPause(), traffic.longestInterval(), traffic.unreachableLimit()));
    }

    /** Shifts saved by an earlier run resume once the application (and its Kafka producer) is ready. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> resumeTrafficShifts(TrafficShifts shifts) {
        return ready -> shifts.resumeSaved();
    }

    @Bean
    OncePerStep oncePerStep() {
        return new OncePerStep(100_000);
    }
}
