package dev.ferry.deploy.kafka;

import java.util.List;

/** The services the seeds' example plans move, as the plans list them. */
public final class SeedServices {

    /** Seed 003 ({@code examples/compose-to-kubernetes.yaml}): the five Node services of the Compose setup. */
    public static final List<String> SEED_003 =
            List.of("user-service", "product-service", "inventory-service", "order-service", "supplier-service");

    /** Seed 001 ({@code examples/gitops-rollout-23-services.yaml}): the 23 services rolled out through Argo CD. */
    public static final List<String> SEED_001 = List.of(
            "admin",
            "auth",
            "catalog",
            "checkout",
            "common-operations",
            "customer",
            "frontend",
            "fulfillment",
            "gateway",
            "location",
            "notification",
            "order",
            "payment",
            "pricing",
            "promotion",
            "return",
            "review",
            "search",
            "shipping",
            "user",
            "warehouse",
            "loyalty-rewards",
            "analytics");

    private SeedServices() {}
}
