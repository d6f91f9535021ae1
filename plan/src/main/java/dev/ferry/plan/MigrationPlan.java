package dev.ferry.plan;

import java.util.List;
import java.util.Optional;

/**
 * A validated migration plan (`apiVersion: ferry.dev/v1`, `kind: MigrationPlan`) with every default already applied:
 * each service carries its own target, image and deploy settings, so the state machine never re-reads the YAML.
 *
 * @param document the plan as written, kept so that a run can be reproduced from its start command alone
 */
public record MigrationPlan(
        String name,
        SourceRepository source,
        List<ServiceDefinition> services,
        List<EnvironmentDefinition> environments,
        List<PhaseDefinition> phases,
        String document) {

    public MigrationPlan {
        services = List.copyOf(services);
        environments = List.copyOf(environments);
        phases = List.copyOf(phases);
    }

    public Optional<ServiceDefinition> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }

    public Optional<PhaseDefinition> phase(String phaseName) {
        return phases.stream().filter(p -> p.name().equals(phaseName)).findFirst();
    }

    public Optional<EnvironmentDefinition> environment(String environmentName) {
        return environments.stream()
                .filter(e -> e.name().equals(environmentName))
                .findFirst();
    }
}
