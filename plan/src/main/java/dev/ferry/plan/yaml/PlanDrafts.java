package dev.ferry.plan.yaml;

import dev.ferry.plan.DidYouMean;
import dev.ferry.plan.DnsLabel;
import dev.ferry.plan.SourceRepository;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the document's sections into a {@link PlanDraft}. Paths of what is inside {@code spec} leave out the
 * {@code spec.} prefix ({@code phases[3].dependsOn}), which every such path would share.
 */
final class PlanDrafts {

    static final String API_VERSION = "ferry.dev/v1";
    static final String KIND = "MigrationPlan";

    private PlanDrafts() {}

    static Optional<PlanDraft> read(Node root, Problems problems) {
        Optional<YamlMap> top = YamlMap.of(root, "", problems);
        if (top.isEmpty()) {
            return Optional.empty();
        }
        YamlMap document = top.get();
        document.allowOnly(PlanDraft.TOP_FIELDS);
        header(document);
        String name = document.map("metadata").map(PlanDrafts::name).orElseGet(() -> {
            if (!document.has("metadata")) {
                document.missing("metadata", "metadata.name, the plan's name");
            }
            return null;
        });
        if (!document.has("spec")) {
            document.missing("spec", "the plan itself: source, services, phases");
            return Optional.empty();
        }
        Node spec = document.value("spec").orElseThrow();
        if (!(spec instanceof MappingNode)) {
            problems.add(spec, "spec", "expected a mapping (key: value lines), found " + Nodes.describe(spec));
            return Optional.empty();
        }
        // Paths inside spec leave out "spec.", so the mapping is read with an empty path.
        return YamlMap.of(spec, "", problems).map(mapping -> spec(name, mapping));
    }

    private static void header(YamlMap document) {
        document.requiredString("apiVersion", API_VERSION).ifPresent(version -> {
            if (!version.value().equals(API_VERSION)) {
                document.problems()
                        .add(
                                version.node(),
                                version.path(),
                                "apiVersion \"" + version.value() + "\" is not supported; this Ferry reads "
                                        + API_VERSION);
            }
        });
        document.requiredString("kind", KIND).ifPresent(kind -> {
            if (!kind.value().equals(KIND)) {
                document.problems()
                        .add(
                                kind.node(),
                                kind.path(),
                                "kind \"" + kind.value() + "\" is not supported"
                                        + DidYouMean.hint(kind.value(), List.of(KIND)) + "; a plan is of kind " + KIND);
            }
        });
    }

    private static String name(YamlMap metadata) {
        metadata.allowOnly(PlanDraft.METADATA_FIELDS);
        return metadata.requiredString("name", "the plan's name, e.g. fitsync-multi-repo")
                .map(name -> {
                    DnsLabel.problem(name.value()).ifPresent(problem -> metadata.problems()
                            .add(name.node(), name.path(), "plan name \"" + name.value() + "\" " + problem));
                    return name.value();
                })
                .orElse(null);
    }

    private static PlanDraft spec(String name, YamlMap spec) {
        spec.allowOnly(PlanDraft.SPEC_FIELDS);
        List<ServiceDraft> services =
                spec.maps("services").stream().map(ServiceDraft::read).toList();
        List<PhaseDraft> phases =
                spec.maps("phases").stream().map(PhaseDraft::read).toList();
        requireItems(spec, "services", services.isEmpty(), "at least one service (name and path)");
        requireItems(spec, "phases", phases.isEmpty(), "at least one phase (name and action)");
        return new PlanDraft(
                name,
                spec.map("source").map(PlanDrafts::source).orElse(null),
                spec.map("defaults").map(Defaults::read).orElse(Defaults.none()),
                spec.map("registry").map(ImageFields::read).orElse(ImageFields.none()),
                spec.map("gitops").map(PlanDrafts::gitops).orElse(null),
                spec.maps("environments").stream().map(EnvironmentDraft::read).toList(),
                services,
                phases,
                spec);
    }

    private static void requireItems(YamlMap spec, String key, boolean empty, String what) {
        if (!spec.has(key)) {
            spec.missing(key, what);
        } else if (empty && spec.value(key).map(n -> n instanceof SequenceNode).orElse(false)) {
            spec.problems().add(spec.value(key).orElseThrow(), key, "is empty; give " + what);
        }
    }

    private static SourceRepository source(YamlMap source) {
        source.allowOnly(PlanDraft.SOURCE_FIELDS);
        String repository = source.requiredString("repository", "the URL or path of the repository to split")
                .map(Located::value)
                .orElse(null);
        source.string("repository").ifPresent(r -> {
            Templates.check(r, Templates.NONE, source.problems());
            CredentialFreeUrls.check(r, source.problems());
        });
        String branch = source.text("branch");
        return new SourceRepository(repository, branch == null ? "main" : branch, source.text("credentialRef"));
    }

    /** The plan-wide GitOps section must say where (repository) and how (layout); the rest has defaults. */
    private static GitOpsFields gitops(YamlMap gitops) {
        gitops.allowOnly(GitOpsFields.FIELDS);
        GitOpsFields fields = GitOpsFields.read(gitops);
        if (!gitops.has("repository")) {
            gitops.missing("repository", "the URL or path of the GitOps repository");
        }
        if (!gitops.has("layout")) {
            gitops.missing("layout", "how deployments are recorded: helm-values, kustomize or plain-manifest");
        }
        return fields;
    }
}
