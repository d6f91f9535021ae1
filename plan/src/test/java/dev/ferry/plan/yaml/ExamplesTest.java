package dev.ferry.plan.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.ferry.plan.CredentialHosts;
import dev.ferry.plan.DeployTargets;
import dev.ferry.plan.DryRun;
import dev.ferry.plan.GitOpsDefinition.DeployModeKind;
import dev.ferry.plan.GitOpsDefinition.GitOpsLayoutKind;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.ResolvedDeploy;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.SplitPath;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.ConfigureRepository;
import dev.ferry.plan.action.Deploy;
import dev.ferry.plan.action.Manifests;
import dev.ferry.plan.action.Restructure;
import dev.ferry.plan.action.Scaffold;
import dev.ferry.plan.action.ShiftTraffic;
import dev.ferry.plan.action.TrafficStep;
import dev.ferry.plan.schema.PlanSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example plans in {@code examples/} are valid and say what their seeds say. */
class ExamplesTest {

    private static final Path EXAMPLES = examples();

    /** The binding docs/security.md gives for the credentials the examples name. */
    private static final CredentialHosts DOCUMENTED_BINDING = new CredentialHosts(Map.of(
            "github-token", List.of("github.com", "api.github.com"),
            "gitops-token", List.of("github.com"),
            "ghcr-token", List.of("ghcr.io"),
            "aws-ecr", List.of("*.amazonaws.com"),
            "gitlab-token", List.of("gitlab.com"),
            "gitlab-registry", List.of("registry.gitlab.com")));

    @Test
    void everyExampleSendsEachCredentialOnlyToTheHostsTheDocumentedBindingAllows() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> plans = files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
            assertThat(plans).isNotEmpty();
            for (Path file : plans) {
                PlanReader.read(file.toString(), Files.readString(file), DOCUMENTED_BINDING);
            }
        }
    }

    @Test
    void chatPlanValidatesServicesOneAfterAnotherAndShiftsAuthTrafficByAnalysedSteps() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("chat-auth-gradual.yaml"));

        assertThat(plan.phase("media-validated").orElseThrow().services()).containsExactly("media-service");
        assertThat(plan.phase("media-validated").orElseThrow().dependsOn()).containsExactly("relay-validated");
        assertThat(plan.phases())
                .filteredOn(phase -> phase.action() == Actions.GATE)
                .hasSize(4)
                .allSatisfy(gate -> assertThat(gate.approvals()).containsExactly("developer", "tech-lead", "devops"));
        PhaseDefinition cutover = plan.phase("auth-cutover").orElseThrow();
        assertThat(cutover.action()).isEqualTo(Actions.SHIFT_TRAFFIC);
        assertThat(ShiftTraffic.steps(cutover.settings()))
                .extracting(TrafficStep::weight, step -> step.pause().toHours())
                .containsExactly(tuple(10, 48L), tuple(25, 24L), tuple(50, 24L), tuple(100, 0L));
        assertThat(ShiftTraffic.conditions(cutover.settings())).containsEntry("errorRatio", "< 0.01");
        assertThat(ShiftTraffic.queries(cutover.settings()).get("errorRatio")).contains("code=~\"5..\"");
        assertThat(DryRun.describe(plan))
                .contains("auth-cutover -> shift auth-service's traffic to auth-service through gateway-api route auth"
                        + " in gateway/auth-route.yaml (production): 10% for 48h, 25% for 24h, 50% for 24h, 100%");
    }

    @Test
    void monolithPlanCopiesUsersAndMessagesVerifiesAndCutsOverAfterApproval() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("monolith-to-microservices.yaml"));

        assertThat(plan.phases())
                .extracting(phase -> phase.action().name())
                .containsExactly(
                        "migrate-data", "verify-data", "cutover-data", "migrate-data", "verify-data", "cutover-data");
        PhaseDefinition copyUsers = plan.phase("copy-users").orElseThrow();
        assertThat(copyUsers.settings())
                .containsEntry("tables.1", "users")
                .containsEntry("sourceCredentialRef", "monolith-db")
                .containsEntry("maxLag", "5s")
                .doesNotContainKey("password");
        assertThat(plan.phase("verify-messages").orElseThrow().settings())
                .containsEntry("migration", "copy-messages")
                .containsEntry("chunkRows", "10000");
        assertThat(DryRun.describe(plan))
                .contains("copy-users -> copy users from jdbc:postgresql://monolith-db:5432/chat to"
                        + " jdbc:postgresql://auth-db:5432/auth_db, then stream their changes until cutover");
    }

    @Test
    void fitsyncPlanSplitsTheSevenServicesIntoTheirOwnRepositories() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("fitsync-multi-repo.yaml"));

        assertThat(plan.name()).isEqualTo("fitsync-multi-repo");
        assertThat(plan.source().repository()).isEqualTo("https://github.com/FitSync-G13/fitsync.git");
        assertThat(plan.services())
                .extracting(ServiceDefinition::name, ServiceDefinition::path, ServiceDefinition::port)
                .containsExactly(
                        tuple("api-gateway", "services/api-gateway", 4000),
                        tuple("user-service", "services/user-service", 3001),
                        tuple("training-service", "services/training-service", 3002),
                        tuple("schedule-service", "services/schedule-service", 8003),
                        tuple("progress-service", "services/progress-service", 8004),
                        tuple("notification-service", "services/notification-service", 3005),
                        tuple("frontend", "frontend", 3000),
                        tuple("common", "", null),
                        tuple("common-py", "", null));
        assertThat(service(plan, "user-service").target().repository())
                .isEqualTo("https://github.com/FitSync-G13/fitsync-user-service.git");
        assertThat(phase(plan, "split").services()).hasSize(7).doesNotContain("common", "common-py");
        assertThat(phase(plan, "deploy-prod").services())
                .isEqualTo(phase(plan, "split").services());
    }

    @Test
    void fitsyncSharedLibrariesAreSplitFromSeveralDirectoriesEach() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("fitsync-multi-repo.yaml"));

        PhaseDefinition libraries = phase(plan, "shared-libraries");
        assertThat(libraries.action()).isEqualTo(Actions.SPLIT);
        assertThat(libraries.services()).containsExactly("common", "common-py");
        assertThat(service(plan, "common").paths())
                .containsExactly(
                        new SplitPath("services/user-service/src/middleware", "src/middleware"),
                        new SplitPath("services/user-service/src/config", "src/config"));
        assertThat(service(plan, "common-py").target().repository())
                .isEqualTo("https://github.com/FitSync-G13/fitsync-common-py.git");
        assertThat(DryRun.describe(plan))
                .contains("1. shared-libraries -> services/schedule-service/utils/ -> fitsync_common/,"
                        + " services/progress-service/utils/ -> fitsync_common/ ->"
                        + " https://github.com/FitSync-G13/fitsync-common-py.git (branch main)");
    }

    @Test
    void fitsyncPlanPushesToTheEcrRepositoryWithServiceShaTags() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("fitsync-multi-repo.yaml"));

        ServiceDefinition user = service(plan, "user-service");
        assertThat(user.image().registry()).endsWith(".dkr.ecr.us-east-2.amazonaws.com");
        assertThat(user.image().repository()).isEqualTo("fitsync-ecr");
        assertThat(user.image().tagTemplate()).isEqualTo("{service}-{sha}");
        assertThat(user.parameters())
                .containsEntry("port", "3001")
                .containsEntry("sourceCredentialRef", "github-token");
    }

    @Test
    void fitsyncPlanConfiguresAndScaffoldsEachRepositoryBeforeItsCiBuilds() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("fitsync-multi-repo.yaml"));

        PhaseDefinition configure = phase(plan, "configure");
        assertThat(configure.action()).isEqualTo(Actions.CONFIGURE_REPOSITORY);
        assertThat(configure.dependsOn()).containsExactly("split");
        assertThat(ConfigureRepository.secrets(configure.settings()))
                .as("the secrets ci.yml reads, by the names of Ferry credentials")
                .containsOnly(entry("AWS_ACCOUNT_ID", "aws-account-id"), entry("GITOPS_PAT", "gitops-token"));
        assertThat(configure.settings())
                .containsEntry("webhookUrl", "https://ferry.fitsync.online/webhooks/github")
                .containsEntry("requiredChecks.1", "build");

        PhaseDefinition scaffold = phase(plan, "scaffold");
        assertThat(scaffold.action()).isEqualTo(Actions.SCAFFOLD);
        assertThat(scaffold.dependsOn())
                .as("the webhook and secrets exist before ci.yml first runs")
                .containsExactly("configure");
        assertThat(Scaffold.files(scaffold.settings()))
                .extracting(Scaffold.Entry::path)
                .containsExactly(".github/workflows/ci.yml", "README.md", "CODEOWNERS", ".dockerignore");
        assertThat(phase(plan, "build").dependsOn()).containsExactly("scaffold");
        assertThat(service(plan, "user-service").image().workflow()).isEqualTo("ci.yml");
    }

    @Test
    void fitsyncPlanDeploysThroughDevStagingAndApprovedProd() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("fitsync-multi-repo.yaml"));

        assertThat(plan.environments()).extracting(e -> e.name()).containsExactly("dev", "staging", "prod");
        assertThat(phase(plan, "deploy-prod").approvalRequired()).isTrue();
        assertThat(phase(plan, "deploy-dev").approvalRequired()).isFalse();
        assertThat(phase(plan, "deploy-staging").approvalRequired()).isFalse();
        assertThat(plan.phases())
                .filteredOn(p -> p.action() == Actions.ROLLBACK)
                .extracting(PhaseDefinition::environment)
                .containsExactly("dev", "staging", "prod");

        ResolvedDeploy prod = DeployTargets.resolve(
                service(plan, "user-service"), plan.environment("prod").orElseThrow());
        assertThat(prod.repository()).isEqualTo("https://github.com/FitSync-G13/fitsync-gitops.git");
        assertThat(prod.layout()).isEqualTo(GitOpsLayoutKind.HELM_VALUES);
        assertThat(prod.filePath()).isEqualTo("environments/prod/user-service/values.yaml");
        assertThat(prod.mode()).isEqualTo(DeployModeKind.ARGO_CD);
        assertThat(prod.application()).isEqualTo("fitsync-prod");
        assertThat(prod.namespace()).isEqualTo("fitsync");
    }

    @Test
    void fitsyncCutoverArchivesTheMonoRepoAfterValidation() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("fitsync-multi-repo.yaml"));

        PhaseDefinition cutover = phase(plan, "cutover");
        assertThat(cutover.action()).isEqualTo(Actions.ARCHIVE);
        assertThat(cutover.dependsOn()).containsExactly("validate");
        assertThat(phase(plan, "validate").action()).isEqualTo(Actions.GATE);
        assertThat(phase(plan, "validate").checklist()).contains("All 7 microservices deployed successfully");
        assertThat(DryRun.describe(plan))
                .contains("10. cutover -> archive https://github.com/FitSync-G13/fitsync.git (made read-only)")
                .contains("8. deploy-prod -> environments/prod/api-gateway/values.yaml image.tag (Argo CD app"
                        + " fitsync-prod, namespace fitsync) [waits for approval]");
    }

    @Test
    void fitsyncRollbackUnarchivesTheMonoRepoBeforeThePeopleRedeployFromIt() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("fitsync-rollback-to-mono-repo.yaml"));

        assertThat(phase(plan, "unarchive").action()).isEqualTo(Actions.UNARCHIVE);
        assertThat(phase(plan, "mono-repo-restored").dependsOn()).containsExactly("unarchive");
        assertThat(DryRun.describe(plan))
                .contains("1. unarchive -> unarchive https://github.com/FitSync-G13/fitsync.git and revert its archive"
                        + " notice on main");
    }

    @Test
    void iotPlanRestructuresTheBackendInPlaceAfterItsBackupTag() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("iot-monorepo-restructure.yaml"));

        PhaseDefinition restructure = phase(plan, "backend-restructure");
        assertThat(restructure.action()).isEqualTo(Actions.RESTRUCTURE);
        assertThat(Restructure.moves(restructure.settings()))
                .hasSize(9)
                .containsEntry("app", "backend/app")
                .containsEntry("alembic.ini", "backend/alembic.ini");
        assertThat(Restructure.rewrites(restructure.settings()))
                .containsEntry("from app\\.", "from backend.app.")
                .containsEntry("^prepend_sys_path = \\.$", "prepend_sys_path = ..");
        assertThat(Restructure.rewriteFiles(restructure.settings()))
                .containsExactly("backend/**/*.py", "backend/alembic.ini");
        assertThat(plan.source().branch()).isEqualTo("IOT-sim-platform-fullstack-monorepo");
        assertThat(DryRun.describe(plan))
                .contains(
                        "backend-restructure -> restructure https://github.com/iot-sim/iot-sim-platform.git on"
                                + " IOT-sim-platform-fullstack-monorepo in one commit, after tag backup-before-iot-monorepo-<date>");
    }

    @Test
    void iotRollbackPlanPutsTheBranchBackOnTheBackupTagAfterThePeopleStoppedTheServices() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("iot-monorepo-emergency-rollback.yaml"));

        PhaseDefinition restore = phase(plan, "emergency-rollback");
        assertThat(restore.action()).isEqualTo(Actions.RESTORE);
        assertThat(restore.dependsOn()).containsExactly("services-stopped");
        assertThat(restore.settings()).containsOnly(entry("backupTag", "backup-before-iot-monorepo-20261205"));
        assertThat(DryRun.describe(plan))
                .contains("put IOT-sim-platform-fullstack-monorepo of https://github.com/iot-sim/iot-sim-platform.git"
                        + " back on tag backup-before-iot-monorepo-20261205, unless people pushed after Ferry");
    }

    @Test
    void composePlanBuildsTheFiveServicesFromTheirFoldersWithoutASplit() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("compose-to-kubernetes.yaml"));

        assertThat(plan.services())
                .extracting(ServiceDefinition::name, ServiceDefinition::path)
                .containsExactly(
                        tuple("user-service", "services/user-service"),
                        tuple("product-service", "services/product-service"),
                        tuple("inventory-service", "services/inventory-service"),
                        tuple("order-service", "services/order-service"),
                        tuple("supplier-service", "services/supplier-service"));
        assertThat(plan.phases()).extracting(PhaseDefinition::action).doesNotContain(Actions.SPLIT);
        assertThat(phase(plan, "images").settings()).containsOnly(entry("context", "{path}"));
        assertThat(service(plan, "order-service").image().repository()).isEqualTo("order-service");
        assertThat(DryRun.describe(plan))
                .contains("1. images -> 123456789012.dkr.ecr.us-east-1.amazonaws.com/order-service:{sha}"
                        + " from services/order-service of the source at its head with auto");
    }

    @Test
    void composePlanGeneratesTheManifestsThenDeploysEachEnvironmentWithSmokeChecksAndRollback() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("compose-to-kubernetes.yaml"));

        assertThat(plan.phases())
                .extracting(PhaseDefinition::name, PhaseDefinition::action)
                .containsExactly(
                        tuple("images", Actions.BUILD),
                        tuple("kubernetes-manifests", Actions.MANIFESTS),
                        tuple("deploy-dev", Actions.DEPLOY),
                        tuple("tag-dev", Actions.TAG_IMAGE),
                        tuple("deploy-staging", Actions.DEPLOY),
                        tuple("tag-staging", Actions.TAG_IMAGE),
                        tuple("deploy-production", Actions.DEPLOY),
                        tuple("tag-production", Actions.TAG_IMAGE),
                        tuple("production-validated", Actions.GATE));
        var manifests = phase(plan, "kubernetes-manifests").settings();
        assertThat(Manifests.environments(manifests, "dev")).containsExactly("dev", "staging", "production");
        assertThat(manifests).containsEntry("healthPath", "/health").containsEntry("maxReplicas", "10");
        assertThat(Manifests.secrets(manifests)).containsEntry("DB_PASSWORD", "inventory/postgres#password");
        var production = phase(plan, "deploy-production");
        assertThat(production.approvalRequired()).isTrue();
        assertThat(Deploy.rollsBackOnFailure(production.settings())).isTrue();
        assertThat(Deploy.checks(production.settings())).singleElement().satisfies(check -> assertThat(
                        check.url("user-service", "production"))
                .isEqualTo("https://user-service.production.inventory.example.com/health"));
        assertThat(DryRun.describe(plan))
                .contains("Kubernetes manifests for order-service from docker-compose.yml")
                .contains("point 123456789012.dkr.ecr.us-east-1.amazonaws.com/user-service:user-service-staging at the"
                        + " digest staging verified");
        assertThat(phase(plan, "tag-staging").dependsOn()).containsExactly("deploy-staging");
    }

    @Test
    void rolloutPlanDeploysTheTwentyThreeServicesToDevAndApprovedProduction() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("gitops-rollout-23-services.yaml"));

        assertThat(plan.services()).hasSize(23);
        assertThat(plan.services())
                .extracting(ServiceDefinition::name)
                .contains("auth", "gateway", "payment", "common-operations", "loyalty-rewards", "analytics")
                .doesNotHaveDuplicates();
        assertThat(plan.environments()).extracting(e -> e.name()).containsExactly("dev", "production");
        assertThat(phase(plan, "deploy-production").approvalRequired()).isTrue();
        assertThat(phase(plan, "deploy-dev").approvalRequired()).isFalse();
        assertThat(plan.phases()).extracting(PhaseDefinition::action).doesNotContain(Actions.SPLIT, Actions.BUILD);
    }

    @Test
    void rolloutPlanPutsEachServiceInItsNamespaceAndArgoApplication() {
        MigrationPlan plan = PlanReader.read(EXAMPLES.resolve("gitops-rollout-23-services.yaml"));

        assertThat(deploy(plan, "auth", "dev").namespace()).isEqualTo("core-business-dev");
        assertThat(deploy(plan, "admin", "dev").namespace()).isEqualTo("frontend-services-dev");
        assertThat(deploy(plan, "frontend", "dev").namespace()).isEqualTo("frontend-services-dev");
        assertThat(deploy(plan, "search", "dev").namespace()).isEqualTo("integration-services-dev");
        assertThat(deploy(plan, "auth", "dev").application()).isEqualTo("auth-dev");

        ResolvedDeploy production = deploy(plan, "auth", "production");
        assertThat(production.application()).isEqualTo("auth-prod");
        assertThat(production.layout()).isEqualTo(GitOpsLayoutKind.KUSTOMIZE);
        assertThat(production.filePath()).isEqualTo("apps/auth/overlays/production/kustomization.yaml");
        assertThat(production.repository()).isEqualTo("https://gitlab.com/ta-microservices/gitops.git");
        assertThat(service(plan, "auth").image().repository()).isEqualTo("ta-microservices/auth");
        assertThat(service(plan, "auth").image().tagTemplate()).isEqualTo("v1.0.0");
    }

    @Test
    void minimalPlanOfThePlanReferenceIsValid() throws Exception {
        MigrationPlan plan = PlanReader.read("README.md", minimalPlan());

        assertThat(plan.services()).extracting(ServiceDefinition::name).containsExactly("api", "web");
        assertThat(phase(plan, "deploy-prod").approvalRequired()).isTrue();
    }

    @Test
    void everyExampleNamesTheSchemaForEditorsAndPassesIt() throws Exception {
        List<Path> plans;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            plans = files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }

        assertThat(plans).hasSizeGreaterThanOrEqualTo(2).allSatisfy(plan -> {
            String text = Files.readString(plan);
            assertThat(text.lines().findFirst())
                    .as(plan.getFileName() + " starts by naming the schema")
                    .contains("# yaml-language-server: $schema=../" + PlanSchema.FILE);
            assertThat(SchemaCheck.complaints(text))
                    .as(plan.getFileName().toString())
                    .isEmpty();
            assertThat(SchemaCheck.editorComplaints(text))
                    .as(plan.getFileName().toString())
                    .isEmpty();
        });
    }

    @Test
    void minimalPlanOfThePlanReferencePassesTheSchema() throws Exception {
        assertThat(SchemaCheck.complaints(minimalPlan())).isEmpty();
        assertThat(SchemaCheck.editorComplaints(minimalPlan())).isEmpty();
    }

    private static String minimalPlan() throws IOException {
        String readme = Files.readString(EXAMPLES.resolve("README.md"));
        String minimal = readme.substring(readme.indexOf("## A minimal plan"));
        return minimal.substring(minimal.indexOf("```yaml\n") + 8, minimal.lastIndexOf("```"));
    }

    private static ResolvedDeploy deploy(MigrationPlan plan, String service, String environment) {
        return DeployTargets.resolve(
                service(plan, service), plan.environment(environment).orElseThrow());
    }

    private static ServiceDefinition service(MigrationPlan plan, String name) {
        return plan.service(name).orElseThrow();
    }

    private static PhaseDefinition phase(MigrationPlan plan, String name) {
        return plan.phase(name).orElseThrow();
    }

    /** The repository's examples directory, found from wherever the build runs the tests. */
    private static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/fitsync-multi-repo.yaml"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException(
                "no examples/ directory above " + Path.of("").toAbsolutePath());
    }
}
