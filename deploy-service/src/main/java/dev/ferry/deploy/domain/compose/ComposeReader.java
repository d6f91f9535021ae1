package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.StepFailure;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a {@code docker-compose.yml} the way the Compose specification defines it, into {@link ComposeFile}: variables
 * interpolated (the {@code .env} file beside it, then the plan's variables, which win), {@code env_file}s read, every
 * service checked. Every problem is an invalid-input failure that starts with {@code file:line}.
 */
public final class ComposeReader {

    private final Function<String, Optional<String>> files;

    /** @param files reads a file of the source repository by its path from the root; empty when it does not exist */
    public ComposeReader(Function<String, Optional<String>> files) {
        this.files = files;
    }

    /**
     * @param file the compose file's path in the repository
     * @param variables values for interpolation given by the plan; they win over the {@code .env} file's
     * @param activeProfiles the profiles turned on; services in other profiles are left out, as {@code docker compose
     *     up} leaves them out
     */
    public ComposeFile read(String file, Map<String, String> variables, Set<String> activeProfiles) {
        String text = files.apply(file)
                .orElseThrow(() -> StepFailure.invalid(file + " does not exist in the source repository; set the"
                        + " phase's composeFile to the compose file's path"));
        var all = new HashMap<>(EnvFile.parse(
                sibling(file, ".env"), files.apply(sibling(file, ".env")).orElse("")));
        all.putAll(variables);
        var nodes = new ComposeNodes(file, new Interpolation(all));
        Map<String, Node> top = nodes.mapping(root(file, text), "the top level of a compose file");
        Node servicesNode = ComposeNodes.get(top, "services")
                .orElseThrow(() -> StepFailure.invalid(file + ":1: not a Compose file: it has no services"));
        Map<String, Node> declaredSecrets = declared(nodes, top, "secrets");
        Map<String, String> configFiles = configFiles(nodes, declared(nodes, top, "configs"));
        var services = new LinkedHashMap<String, ComposeService>();
        nodes.mapping(servicesNode, "services").forEach((name, node) -> {
            var reader = new ServiceReader(nodes, name, node, envFiles(file));
            ComposeService service = reader.read(declaredSecrets.keySet(), configFiles.keySet());
            if (service.profiles().isEmpty() || service.profiles().stream().anyMatch(activeProfiles::contains)) {
                services.put(name, service);
            }
        });
        return new ComposeFile(file, services, configFiles);
    }

    /** The path of a file beside {@code file} (the compose file's directory), from the repository's root. */
    public static String sibling(String file, String relative) {
        String r = relative.startsWith("./") ? relative.substring(2) : relative;
        int slash = file.lastIndexOf('/');
        return slash < 0 ? r : file.substring(0, slash + 1) + r;
    }

    private static Node root(String file, String text) {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (!(root instanceof MappingNode)) {
                throw StepFailure.invalid(
                        file + ":1: not a Compose file: the top level must be a mapping with services");
            }
            return root;
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String line = mark == null ? "1" : Integer.toString(mark.getLine() + 1);
            throw StepFailure.invalid(file + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw StepFailure.invalid(file + ":1: not valid YAML: " + e.getMessage());
        }
    }

    private static Map<String, Node> declared(ComposeNodes nodes, Map<String, Node> top, String key) {
        return ComposeNodes.get(top, key).map(n -> nodes.mapping(n, key)).orElse(Map.of());
    }

    private Map<String, String> configFiles(ComposeNodes nodes, Map<String, Node> configs) {
        var paths = new LinkedHashMap<String, String>();
        configs.forEach((name, node) -> {
            Optional<Node> path = ComposeNodes.get(nodes.mapping(node, "config " + name), "file");
            path.ifPresent(p -> paths.put(name, sibling(nodes.file(), nodes.text(p, "config file"))));
        });
        return paths;
    }

    private Function<String, Optional<String>> envFiles(String composeFile) {
        return relative -> files.apply(sibling(composeFile, relative));
    }
}
