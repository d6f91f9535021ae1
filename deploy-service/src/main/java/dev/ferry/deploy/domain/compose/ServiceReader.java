package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.compose.ComposeService.FileMount;
import dev.ferry.deploy.domain.compose.ComposeService.Finding;
import dev.ferry.deploy.domain.compose.ComposeService.Port;
import dev.ferry.deploy.domain.compose.ComposeService.Resources;
import dev.ferry.deploy.domain.compose.ComposeService.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one entry of a compose file's {@code services} into a {@link ComposeService}. */
final class ServiceReader {

    private final ComposeNodes nodes;
    private final String name;
    private final Node node;
    private final Map<String, Node> fields;
    private final Function<String, Optional<String>> envFiles;
    private final List<Finding> findings = new ArrayList<>();

    ServiceReader(ComposeNodes nodes, String name, Node node, Function<String, Optional<String>> envFiles) {
        this.nodes = nodes;
        this.name = name;
        this.node = node;
        this.fields = nodes.mapping(node, "service " + name);
        this.envFiles = envFiles;
    }

    ComposeService read(Set<String> declaredSecrets, Set<String> declaredConfigs) {
        Optional<String> image = field("image").map(n -> nodes.text(n, "image"));
        if (image.isEmpty() && field("build").isEmpty()) {
            throw StepFailure.invalid(nodes.where(node) + ": service " + name
                    + " has neither image nor build; Compose needs one of them to run it, and so does Kubernetes");
        }
        unfaithful();
        var ports = new ArrayList<Port>();
        field("ports").ifPresent(n -> nodes.sequence(n, "ports").forEach(p -> port(p).ifPresent(ports::add)));
        field("expose").ifPresent(n -> nodes.sequence(n, "expose").forEach(p -> ports.add(exposed(p))));
        Map<String, Node> deploy =
                field("deploy").map(n -> nodes.mapping(n, "deploy")).orElse(Map.of());
        return new ComposeService(
                name,
                ComposeNodes.line(node),
                image,
                ports,
                environment(),
                field("entrypoint").map(n -> nodes.words(n, "entrypoint")).orElse(List.of()),
                field("command").map(n -> nodes.words(n, "command")).orElse(List.of()),
                field("healthcheck").flatMap(new HealthCheckReader(nodes)::read),
                field("depends_on").map(this::dependsOn).orElse(List.of()),
                field("volumes").map(this::volumes).orElse(List.of()),
                ComposeNodes.get(deploy, "replicas").map(n -> nodes.number(n, "deploy.replicas")),
                ComposeNodes.get(deploy, "resources").map(this::resources).orElse(Resources.NONE),
                field("secrets")
                        .map(n -> mounts(n, "secret", declaredSecrets, "/run/secrets/"))
                        .orElse(List.of()),
                field("configs")
                        .map(n -> mounts(n, "config", declaredConfigs, "/"))
                        .orElse(List.of()),
                field("profiles").map(n -> nodes.texts(n, "profiles")).orElse(List.of()),
                findings);
    }

    private Optional<Node> field(String key) {
        return ComposeNodes.get(fields, key).filter(n -> !nodes.isNull(n));
    }

    /** The features the step reports instead of silently dropping. */
    private void unfaithful() {
        field("network_mode")
                .filter(n -> nodes.text(n, "network_mode").equals("host"))
                .ifPresent(n -> finding(
                        n,
                        "network_mode: host",
                        "a pod gets its own network namespace; hostNetwork would bypass Services and"
                                + " NetworkPolicies and is forbidden by the restricted Pod Security Standard"));
        field("privileged")
                .filter(n -> nodes.flag(n, "privileged"))
                .ifPresent(
                        n -> finding(
                                n,
                                "privileged: true",
                                "the generated container runs restricted (no privilege escalation, all"
                                        + " capabilities dropped, non-root); a privileged pod is refused by the restricted standard"));
        for (String hostKey : List.of("pid", "ipc")) {
            field(hostKey)
                    .filter(n -> nodes.text(n, hostKey).equals("host"))
                    .ifPresent(n -> finding(
                            n,
                            hostKey + ": host",
                            "pods do not share the node's " + hostKey + " namespace under the"
                                    + " restricted standard"));
        }
        field("cap_add")
                .ifPresent(n -> finding(
                        n,
                        "cap_add",
                        "the restricted standard drops every capability; add them back by hand if needed"));
        field("devices")
                .ifPresent(n ->
                        finding(n, "devices", "host devices have no Kubernetes form without a" + " device plugin"));
    }

    private void finding(Node at, String feature, String why) {
        findings.add(new Finding(name, nodes.where(at), feature, why));
    }

    private Optional<Port> port(Node p) {
        if (!(p instanceof ScalarNode)) {
            Map<String, Node> m = nodes.mapping(p, "port");
            int target = checkedPort(
                    ComposeNodes.get(m, "target")
                            .orElseThrow(() -> StepFailure.invalid(nodes.where(p) + ": a port mapping needs target")),
                    p);
            int published =
                    ComposeNodes.get(m, "published").map(n -> checkedPort(n, p)).orElse(target);
            String protocol = nodes.text(m, "protocol", "tcp");
            return Optional.of(new Port(target, published, protocol));
        }
        String text = nodes.text(p, "port");
        String[] protocol = text.split("/", 2);
        String[] parts = protocol[0].split(":");
        if (protocol[0].contains("-")) {
            finding(p, "ports: " + text, "a port range; a Kubernetes Service lists single ports, so none was made");
            return Optional.empty();
        }
        int container = checkedPort(parts[parts.length - 1], p);
        int published = parts.length >= 2 && !parts[parts.length - 2].isEmpty()
                ? checkedPort(parts[parts.length - 2], p)
                : container;
        return Optional.of(new Port(container, published, protocol.length > 1 ? protocol[1] : "tcp"));
    }

    private Port exposed(Node p) {
        String[] protocol = nodes.text(p, "expose").split("/", 2);
        int port = checkedPort(protocol[0], p);
        return new Port(port, port, protocol.length > 1 ? protocol[1] : "tcp");
    }

    private int checkedPort(Node n, Node at) {
        return checkedPort(nodes.text(n, "port"), at);
    }

    private int checkedPort(String text, Node at) {
        int port;
        try {
            port = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw StepFailure.invalid(nodes.where(at) + ": service " + name + " port '" + text + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw StepFailure.invalid(nodes.where(at) + ": service " + name + " port " + port + " is outside 1-65535");
        }
        return port;
    }

    private Map<String, String> environment() {
        var values = new LinkedHashMap<String, String>();
        field("env_file").ifPresent(n -> envFileNodes(n).forEach(f -> values.putAll(envFile(f))));
        field("environment").ifPresent(n -> {
            if (n instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
                nodes.sequence(n, "environment").forEach(item -> {
                    String entry = nodes.text(item, "environment entry");
                    int eq = entry.indexOf('=');
                    if (eq > 0) {
                        values.put(entry.substring(0, eq), entry.substring(eq + 1));
                    }
                });
            } else {
                nodes.mapping(n, "environment")
                        .forEach((key, value) ->
                                values.put(key, nodes.isNull(value) ? "" : nodes.text(value, "environment." + key)));
            }
        });
        return values;
    }

    private List<Node> envFileNodes(Node n) {
        return n instanceof ScalarNode ? List.of(n) : nodes.sequence(n, "env_file");
    }

    private Map<String, String> envFile(Node n) {
        boolean required = true;
        String path;
        if (n instanceof ScalarNode) {
            path = nodes.text(n, "env_file");
        } else {
            Map<String, Node> m = nodes.mapping(n, "env_file entry");
            path = nodes.text(m, "path", "");
            required = nodes.flag(m, "required", true);
        }
        Optional<String> text = envFiles.apply(path);
        if (text.isEmpty() && required) {
            throw StepFailure.invalid(nodes.where(n) + ": service " + name + " reads env_file " + path
                    + ", which is not in the source repository");
        }
        return EnvFile.parse(path, text.orElse(""));
    }

    private List<String> dependsOn(Node n) {
        return n instanceof org.yaml.snakeyaml.nodes.MappingNode
                ? List.copyOf(nodes.mapping(n, "depends_on").keySet())
                : nodes.texts(n, "depends_on");
    }

    private List<Volume> volumes(Node n) {
        var volumes = new ArrayList<Volume>();
        for (Node v : nodes.sequence(n, "volumes")) {
            String source;
            String target;
            boolean readOnly;
            if (v instanceof ScalarNode) {
                String[] parts = nodes.text(v, "volume").split(":");
                source = parts.length > 1 ? parts[0] : "";
                target = parts.length > 1 ? parts[1] : parts[0];
                readOnly = parts.length > 2 && parts[2].contains("ro");
            } else {
                Map<String, Node> m = nodes.mapping(v, "volume");
                source = nodes.text(m, "source", "");
                target = nodes.text(m, "target", "");
                readOnly = nodes.flag(m, "read_only", false);
                if (nodes.text(m, "type", "volume").equals("bind")) {
                    source = source.startsWith("/") || source.startsWith(".") ? source : "./" + source;
                }
            }
            if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) {
                finding(
                        v,
                        "bind mount " + source + ":" + target,
                        "a host path has no portable Kubernetes form"
                                + " (hostPath ties the pod to one node and is refused by the restricted standard); put the"
                                + " files in the image, a ConfigMap or a volume");
            } else {
                volumes.add(new Volume(source, target, readOnly));
            }
        }
        return volumes;
    }

    private Resources resources(Node n) {
        Map<String, Node> r = nodes.mapping(n, "deploy.resources");
        Map<String, Node> limits = ComposeNodes.get(r, "limits")
                .map(l -> nodes.mapping(l, "limits"))
                .orElse(Map.of());
        Map<String, Node> reservations = ComposeNodes.get(r, "reservations")
                .map(l -> nodes.mapping(l, "reservations"))
                .orElse(Map.of());
        return new Resources(cpu(limits), memory(limits), cpu(reservations), memory(reservations));
    }

    private long cpu(Map<String, Node> m) {
        return ComposeNodes.get(m, "cpus")
                .map(c -> ComposeUnits.cpuMillis(nodes.text(c, "cpus"), nodes.where(c)))
                .orElse(0L);
    }

    private long memory(Map<String, Node> m) {
        return ComposeNodes.get(m, "memory")
                .map(c -> ComposeUnits.bytes(nodes.text(c, "memory"), nodes.where(c)))
                .orElse(0L);
    }

    private List<FileMount> mounts(Node n, String kind, Set<String> declared, String defaultDirectory) {
        var mounts = new ArrayList<FileMount>();
        for (Node item : nodes.sequence(n, kind + "s")) {
            String source;
            String target;
            if (item instanceof ScalarNode) {
                source = nodes.text(item, kind);
                target = defaultDirectory + source;
            } else {
                Map<String, Node> m = nodes.mapping(item, kind);
                source = nodes.text(m, "source", "");
                String t = nodes.text(m, "target", source);
                target = t.startsWith("/") ? t : defaultDirectory + t;
            }
            if (!declared.contains(source)) {
                throw StepFailure.invalid(nodes.where(item) + ": service " + name + " uses " + kind + " " + source
                        + ", which the file's top-level " + kind + "s does not define");
            }
            mounts.add(new FileMount(source, target, ComposeNodes.line(item)));
        }
        return mounts;
    }
}
