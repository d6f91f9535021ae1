package dev.ferry.build.domain;

import java.util.List;

/** The configured registries, asked in order which one serves a host (the catch-all OCI registry comes last). */
public record Registries(List<ImageRegistry> inOrder) {

    public Registries {
        inOrder = List.copyOf(inOrder);
    }

    public ImageRegistry forHost(String host) {
        return inOrder.stream()
                .filter(registry -> registry.serves(host))
                .findFirst()
                .orElseThrow(() -> BuildFailure.permanent(
                        FailureKind.INVALID_INPUT, "no registry adapter is configured for " + host));
    }
}
