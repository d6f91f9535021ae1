package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.compose.ComposeService.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads a service's {@code healthcheck}: its test as the command compose runs, and its timings. */
final class HealthCheckReader {

    private final ComposeNodes nodes;

    HealthCheckReader(ComposeNodes nodes) {
        this.nodes = nodes;
    }

    /** The healthcheck, or empty when it is disabled or has no test. */
    Optional<HealthCheck> read(Node n) {
        Map<String, Node> h = nodes.mapping(n, "healthcheck");
        if (nodes.flag(h, "disable", false)) {
            return Optional.empty();
        }
        Optional<Node> testNode = ComposeNodes.get(h, "test");
        if (testNode.isEmpty()) {
            return Optional.empty();
        }
        List<String> test = testNode.get() instanceof ScalarNode
                ? List.of("/bin/sh", "-c", nodes.text(testNode.get(), "healthcheck.test"))
                : command(nodes.texts(testNode.get(), "healthcheck.test"));
        if (test.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HealthCheck(
                test,
                duration(h, "interval", Duration.ofSeconds(30)),
                duration(h, "timeout", Duration.ofSeconds(30)),
                ComposeNodes.get(h, "retries")
                        .map(r -> nodes.number(r, "retries"))
                        .orElse(3),
                duration(h, "start_period", Duration.ZERO)));
    }

    /** {@code [CMD, ...]} runs as written, {@code [CMD-SHELL, text]} through the shell, {@code [NONE]} not at all. */
    private static List<String> command(List<String> test) {
        if (test.isEmpty() || test.getFirst().equals("NONE")) {
            return List.of();
        }
        return switch (test.getFirst()) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            default -> test;
        };
    }

    private Duration duration(Map<String, Node> h, String key, Duration fallback) {
        return ComposeNodes.get(h, key)
                .map(d -> ComposeUnits.duration(nodes.text(d, key), nodes.where(d)))
                .orElse(fallback);
    }
}
