package dev.ferry.plan.yaml;

import dev.ferry.plan.SourceRepository;
import java.util.List;

/**
 * A plan as written, section by section, with the positions of everything later checks refer to.
 *
 * @param source null when the plan has no {@code source} section
 * @param gitops null when the plan has no {@code gitops} section
 */
record PlanDraft(
        String name,
        SourceRepository source,
        Defaults defaults,
        ImageFields registry,
        GitOpsFields gitops,
        List<EnvironmentDraft> environments,
        List<ServiceDraft> services,
        List<PhaseDraft> phases,
        YamlMap spec) {

    static final List<String> TOP_FIELDS = List.of("apiVersion", "kind", "metadata", "spec");
    static final List<String> METADATA_FIELDS = List.of("name", "description");
    static final List<String> SPEC_FIELDS =
            List.of("source", "defaults", "registry", "gitops", "environments", "services", "phases");
    static final List<String> SOURCE_FIELDS = List.of("repository", "branch", "credentialRef");
}
