package dev.ferry.plan.yaml;

import dev.ferry.plan.TargetRepositoryDefinition;
import dev.ferry.plan.TemplateText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code target} section as written ({@code defaults.target} or a service's own); absent fields are null so that a
 * service's section can be laid over the defaults field by field.
 */
record TargetFields(
        Located<String> repository,
        String defaultBranch,
        String visibility,
        Boolean force,
        Boolean rewriteTags,
        String credentialRef) {

    static final List<String> FIELDS =
            List.of("repository", "defaultBranch", "visibility", "force", "rewriteTags", "credentialRef");
    private static final Map<String, String> VISIBILITIES = visibilities();

    static TargetFields none() {
        return new TargetFields(null, null, null, null, null, null);
    }

    static TargetFields read(YamlMap map) {
        map.allowOnly(FIELDS);
        Located<String> repository = map.string("repository").orElse(null);
        if (repository != null) {
            Templates.check(repository, Templates.PER_SERVICE, map.problems());
            CredentialFreeUrls.check(repository, map.problems());
        }
        return new TargetFields(
                repository,
                map.text("defaultBranch"),
                map.choice("visibility", VISIBILITIES).map(Located::value).orElse(null),
                map.bool("force").orElse(null),
                map.bool("rewriteTags").orElse(null),
                map.text("credentialRef"));
    }

    /** These fields where given, {@code base} for the others. */
    TargetFields over(TargetFields base) {
        return new TargetFields(
                repository != null ? repository : base.repository,
                defaultBranch != null ? defaultBranch : base.defaultBranch,
                visibility != null ? visibility : base.visibility,
                force != null ? force : base.force,
                rewriteTags != null ? rewriteTags : base.rewriteTags,
                credentialRef != null ? credentialRef : base.credentialRef);
    }

    boolean isEmpty() {
        return equals(none());
    }

    /** The repository of {@code service}, or null when none is given; defaults: branch main, no force. */
    String repositoryOf(String service) {
        return repository == null ? null : TemplateText.fill(repository.value(), Map.of("service", service));
    }

    TargetRepositoryDefinition resolve(String service) {
        return new TargetRepositoryDefinition(
                repositoryOf(service),
                defaultBranch != null ? defaultBranch : "main",
                visibility,
                Boolean.TRUE.equals(force),
                Boolean.TRUE.equals(rewriteTags),
                credentialRef);
    }

    private static Map<String, String> visibilities() {
        var values = new LinkedHashMap<String, String>();
        for (String visibility : List.of("private", "internal", "public")) {
            values.put(visibility, visibility);
        }
        return values;
    }
}
