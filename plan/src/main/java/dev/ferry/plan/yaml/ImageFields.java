package dev.ferry.plan.yaml;

import dev.ferry.plan.ImageDefinition;
import dev.ferry.plan.TemplateText;
import dev.ferry.plan.action.Build;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Image settings as written in {@code registry}, {@code defaults.image} or a service's {@code image}: all three accept
 * the same fields and are laid over each other in that order. Absent fields are null.
 */
record ImageFields(
        Located<String> host,
        Located<String> repository,
        Located<String> tagTemplate,
        List<String> movingTags,
        String builder,
        String dockerfile,
        String workflow,
        String credentialRef,
        Boolean createRepository,
        Map<String, Located<String>> buildArgs) {

    static final List<String> FIELDS = List.of(
            "host",
            "repository",
            "tagTemplate",
            "movingTags",
            "builder",
            "dockerfile",
            "workflow",
            "credentialRef",
            "createRepository",
            "buildArgs");
    static final String DEFAULT_TAG = "{service}-{sha}";
    private static final Map<String, String> BUILDERS =
            Build.BUILDERS.stream().collect(Collectors.toMap(name -> name, name -> name));

    ImageFields {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    }

    /** The registry host as written, or null. */
    String hostName() {
        return host == null ? null : host.value();
    }

    static ImageFields none() {
        return new ImageFields(null, null, null, null, null, null, null, null, null, Map.of());
    }

    static ImageFields read(YamlMap map) {
        map.allowOnly(FIELDS);
        Problems problems = map.problems();
        Located<String> repository = map.string("repository").orElse(null);
        if (repository != null) {
            Templates.check(repository, Templates.PER_SERVICE, problems);
        }
        Located<String> tag = map.string("tagTemplate").orElse(null);
        if (tag != null) {
            Templates.checkImmutableTag(tag, problems);
        }
        List<String> moving = map.strings("movingTags")
                .map(tags -> {
                    tags.forEach(t -> Templates.check(t, Templates.MOVING_TAG, problems));
                    return tags.stream().map(Located::value).toList();
                })
                .orElse(null);
        map.string("dockerfile").ifPresent(d -> Templates.check(d, Templates.PER_SERVICE, problems));
        map.string("workflow").ifPresent(w -> Templates.check(w, Templates.PER_SERVICE, problems));
        return new ImageFields(
                map.string("host").orElse(null),
                repository,
                tag,
                moving,
                map.choice("builder", BUILDERS).map(Located::value).orElse(null),
                map.text("dockerfile"),
                map.text("workflow"),
                map.text("credentialRef"),
                map.bool("createRepository").orElse(null),
                map.scalars("buildArgs").orElse(Map.of()));
    }

    /** These fields where given, {@code base} for the others; build arguments are merged name by name. */
    ImageFields over(ImageFields base) {
        var args = new LinkedHashMap<>(base.buildArgs);
        args.putAll(buildArgs);
        return new ImageFields(
                host != null ? host : base.host,
                repository != null ? repository : base.repository,
                tagTemplate != null ? tagTemplate : base.tagTemplate,
                movingTags != null ? movingTags : base.movingTags,
                builder != null ? builder : base.builder,
                dockerfile != null ? dockerfile : base.dockerfile,
                workflow != null ? workflow : base.workflow,
                credentialRef != null ? credentialRef : base.credentialRef,
                createRepository != null ? createRepository : base.createRepository,
                args);
    }

    boolean isEmpty() {
        return equals(none());
    }

    String repositoryOf(String service) {
        return fill(repository == null ? null : repository.value(), service);
    }

    String tagTemplateOrDefault() {
        return tagTemplate == null ? DEFAULT_TAG : tagTemplate.value();
    }

    boolean createsRepository() {
        return Boolean.TRUE.equals(createRepository);
    }

    /** Defaults: no registry host (an OCI tarball), tag {service}-{sha}, no moving tags, the auto builder. */
    ImageDefinition resolve(String service) {
        var args = new LinkedHashMap<String, String>();
        buildArgs.forEach((name, value) -> args.put(name, value.value()));
        return new ImageDefinition(
                host == null ? "" : host.value(),
                repositoryOf(service),
                tagTemplateOrDefault(),
                movingTags == null ? List.of() : movingTags,
                builder == null ? Build.DEFAULT_BUILDER : builder,
                fill(dockerfile, service),
                fill(workflow, service),
                credentialRef,
                args);
    }

    private static String fill(String template, String service) {
        return template == null ? null : TemplateText.fill(template, Map.of("service", service));
    }
}
