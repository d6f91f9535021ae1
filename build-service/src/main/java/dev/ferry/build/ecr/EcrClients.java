package dev.ferry.build.ecr;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * ECR API clients, one per region, with the default credential provider chain (environment, profile, web identity,
 * instance role). The region comes from the registry host, or from configuration for hosts that do not name one.
 */
public final class EcrClients implements Function<String, EcrClient>, AutoCloseable {

    private final String configuredRegion;
    private final URI endpointOverride;
    private final Map<String, EcrClient> byRegion = new ConcurrentHashMap<>();

    /**
     * @param configuredRegion region for hosts that do not name one; may be null
     * @param endpointOverride ECR API endpoint to use instead of AWS's; may be null
     */
    public EcrClients(String configuredRegion, URI endpointOverride) {
        this.configuredRegion = configuredRegion;
        this.endpointOverride = endpointOverride;
    }

    @Override
    public EcrClient apply(String host) {
        String region = configuredRegion != null
                ? configuredRegion
                : EcrHosts.parse(host)
                        .map(EcrHosts.EcrHost::region)
                        .orElseThrow(() -> new IllegalArgumentException(
                                host + " names no AWS region; set ferry.build.ecr.region"));
        return byRegion.computeIfAbsent(region, this::create);
    }

    private EcrClient create(String region) {
        var builder = EcrClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    @Override
    public void close() {
        byRegion.values().forEach(EcrClient::close);
    }
}
