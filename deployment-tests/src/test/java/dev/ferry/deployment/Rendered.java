package dev.ferry.deployment;

import com.marcnuri.helm.Helm;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The chart as `helm template` renders it, parsed into Kubernetes objects. */
record Rendered(List<Tree> objects) {

    static final String NAMESPACE = "ferry-system";

    /** Renders release "ferry" into {@link #NAMESPACE} with the chart's values plus {@code overrides} (--set). */
    static Rendered chart(Map<String, Object> overrides) {
        var template = new Helm(Repository.chart()).template().withName("ferry").withNamespace(NAMESPACE);
        overrides.forEach(template::set);
        return parse(template.call());
    }

    static Rendered parse(String manifests) {
        var yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return new Rendered(StreamSupport.stream(yaml.loadAll(manifests).spliterator(), false)
                .filter(Objects::nonNull)
                .map(Tree::new)
                .toList());
    }

    List<Tree> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.at("kind").text())).toList();
    }

    Tree named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(o.at("metadata", "name").text()))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no " + kind + " named " + name + " in the rendered chart; " + kind + "s: "
                                + ofKind(kind).stream()
                                        .map(o -> o.at("metadata", "name").text())
                                        .toList()));
    }

    Tree named(String kind, String name, String namespace) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(o.at("metadata", "name").text())
                        && namespace.equals(o.at("metadata", "namespace").text()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + namespace + "/" + name));
    }

    /** The single container of a service's Deployment. */
    Tree container(String service) {
        return named("Deployment", "ferry-" + service)
                .at("spec", "template", "spec", "containers")
                .list()
                .getFirst();
    }
}
