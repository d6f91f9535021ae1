package dev.ferry.plan;

/**
 * An environment services are deployed to ({@code dev}, {@code staging}, {@code prod}).
 *
 * @param gitops the plan's GitOps settings with this environment's overrides merged in; null when the plan deploys
 *     nowhere
 */
public record EnvironmentDefinition(String name, GitOpsDefinition gitops) {}
