package dev.ferry.plan.yaml;

import dev.ferry.plan.DeploySettings;
import dev.ferry.plan.DnsLabel;
import dev.ferry.plan.ServicePath;
import dev.ferry.plan.SplitPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One entry of {@code services} as written, before the plan's defaults are laid under it. */
record ServiceDraft(
        Located<String> name,
        Located<String> path,
        Integer port,
        TargetFields target,
        ImageFields image,
        DeploySettings deploy,
        Map<String, Located<String>> parameters,
        List<SplitPath> splitPaths,
        YamlMap map) {

    static final List<String> FIELDS =
            List.of("name", "path", "paths", "port", "target", "image", "deploy", "parameters", "buildArgs");
    static final List<String> DEPLOY_FIELDS = List.of("path", "keyPath", "application", "namespace");
    private static final int MAX_PORT = 65_535;

    static ServiceDraft read(YamlMap map) {
        map.allowOnly(FIELDS);
        Located<String> name = map.requiredString("name", "the service's name, e.g. user-service")
                .orElse(null);
        if (name != null) {
            DnsLabel.problem(name.value()).ifPresent(problem -> map.problems()
                    .add(name.node(), name.path(), "service name \"" + name.value() + "\" " + problem));
        }
        // Required only where a split phase copies the directory; RequirementChecks says so there.
        Located<String> path = map.string("path").orElse(null);
        if (path != null) {
            ServicePath.problem(path.value()).ifPresent(problem -> map.problems()
                    .add(path.node(), path.path(), "service path \"" + path.value() + "\" " + problem));
        }
        return new ServiceDraft(
                name,
                path,
                port(map),
                map.map("target").map(TargetFields::read).orElse(TargetFields.none()),
                image(map),
                map.map("deploy").map(ServiceDraft::deploy).orElse(DeploySettings.none()),
                map.scalars("parameters").orElse(Map.of()),
                splitPaths(map, path),
                map);
    }

    /** {@code paths}: several directories into the service's repository, each "from -> to"; never with {@code path}. */
    private static List<SplitPath> splitPaths(YamlMap map, Located<String> path) {
        List<Located<String>> written = map.strings("paths").orElse(List.of());
        if (!written.isEmpty() && path != null) {
            map.problems()
                    .add(
                            path.node(),
                            path.path(),
                            "service has both path and paths: give its one directory as path, or list every directory"
                                    + " under paths (services/user/ -> ./)");
        }
        var paths = new ArrayList<SplitPath>();
        for (Located<String> entry : written) {
            SplitPath.problem(entry.value())
                    .ifPresentOrElse(
                            problem -> map.problems().add(entry.node(), entry.path(), problem),
                            () -> paths.add(SplitPath.parse(entry.value())));
        }
        SplitPath.overlap(paths).ifPresent(problem -> map.problems()
                .add(written.getFirst().node(), written.getFirst().path(), problem));
        return paths;
    }

    /** The service's directory, or the empty string (the whole repository) when the plan gives none. */
    String pathOrWhole() {
        return path == null ? "" : path.value();
    }

    String nameOrNull() {
        return name == null ? null : name.value();
    }

    /** The service's {@code image} with its {@code buildArgs} (a shorthand for {@code image.buildArgs}) over it. */
    private static ImageFields image(YamlMap map) {
        ImageFields own = map.map("image").map(ImageFields::read).orElse(ImageFields.none());
        Map<String, Located<String>> args = map.scalars("buildArgs").orElse(Map.of());
        ImageFields shorthand = new ImageFields(null, null, null, null, null, null, null, null, null, args);
        return shorthand.over(own);
    }

    private static Integer port(YamlMap map) {
        Integer port = map.integer("port").orElse(null);
        if (port != null && (port < 1 || port > MAX_PORT)) {
            map.problems()
                    .add(
                            map.value("port").orElseThrow(),
                            map.path("port"),
                            "port " + port + " is outside 1-" + MAX_PORT);
            return null;
        }
        return port;
    }

    private static DeploySettings deploy(YamlMap map) {
        map.allowOnly(DEPLOY_FIELDS);
        for (String field : DEPLOY_FIELDS) {
            map.string(field).ifPresent(t -> Templates.check(t, Templates.PER_DEPLOYMENT, map.problems()));
        }
        return new DeploySettings(
                map.text("path"), map.text("keyPath"), map.text("application"), map.text("namespace"));
    }
}
