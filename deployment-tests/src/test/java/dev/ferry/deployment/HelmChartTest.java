package dev.ferry.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Lints helm/ferry and checks the objects it renders, with its default values and with overrides. */
class HelmChartTest {

    static final List<String> SERVICES = List.of(
            "planner-service", "repo-service", "build-service", "deploy-service", "data-service", "notifier-service");

    /** What buildah needs beyond uid 0, as checked in docs/deployment.md; every other capability is dropped. */
    static final List<String> BUILDAH_CAPABILITIES = List.of("DAC_OVERRIDE", "SETUID", "SETGID", "SETFCAP");

    private static final Rendered DEFAULTS = Rendered.chart(Map.of());

    @Test
    void passesStrictLint() {
        var result = new Helm(Repository.chart()).lint().strict().call();

        assertThat(result.isFailed())
                .as("lint messages: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void rendersADeploymentPerServiceWithProbesOnTheActuatorPort() {
        assertThat(names(DEFAULTS.ofKind("Deployment"))).containsExactlyInAnyOrderElementsOf(prefixed(SERVICES));
        for (String service : SERVICES) {
            Tree container = DEFAULTS.container(service);
            assertThat(container.at("livenessProbe", "httpGet", "path").text()).isEqualTo("/actuator/health/liveness");
            assertThat(container.at("readinessProbe", "httpGet", "path").text())
                    .isEqualTo("/actuator/health/readiness");
            assertThat(container.at("livenessProbe", "httpGet", "port").text()).isEqualTo("management");
            assertThat(container
                            .at("ports")
                            .find("name", "management")
                            .orElseThrow()
                            .at("containerPort")
                            .text())
                    .isEqualTo("8081");
        }
    }

    @Test
    void everyContainerHasRequestsAndLimits() {
        for (String service : SERVICES) {
            Tree resources = DEFAULTS.container(service).at("resources");
            for (String bound : List.of("requests", "limits")) {
                assertThat(resources.at(bound, "cpu").exists())
                        .as("%s %s.cpu", service, bound)
                        .isTrue();
                assertThat(resources.at(bound, "memory").exists())
                        .as("%s %s.memory", service, bound)
                        .isTrue();
            }
        }
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootWithWritableDataAndTmp() {
        for (String service : SERVICES) {
            Tree pod = DEFAULTS.named("Deployment", "ferry-" + service).at("spec", "template", "spec");
            Tree container = DEFAULTS.container(service);
            assertThat(pod.at("securityContext", "runAsNonRoot").text()).isEqualTo("true");
            assertThat(container.at("securityContext", "readOnlyRootFilesystem").text())
                    .isEqualTo("true");
            assertThat(container
                            .at("securityContext", "allowPrivilegeEscalation")
                            .text())
                    .isEqualTo("false");
            assertThat(container.at("securityContext", "capabilities", "drop").texts())
                    .containsExactly("ALL");
            assertThat(container.at("volumeMounts").list().stream()
                            .map(m -> m.at("mountPath").text()))
                    .containsExactlyInAnyOrder("/var/lib/ferry", "/tmp");
        }
    }

    @Test
    void imagesAreTheJibImagesOfTheProjectVersion() {
        for (String service : SERVICES) {
            assertThat(DEFAULTS.container(service).at("image").text())
                    .isEqualTo("ferry/" + service + ":" + Repository.version());
        }
        var pushed = Rendered.chart(Map.of("image.registry", "registry.example.com/", "image.tag", "1.2.3"));
        assertThat(pushed.container("build-service").at("image").text())
                .isEqualTo("registry.example.com/ferry/build-service:1.2.3");
    }

    @Test
    void eachServiceHasAServiceAndItsOwnServiceAccountAndOnlyDeployServiceMountsAToken() {
        assertThat(names(DEFAULTS.ofKind("Service"))).containsExactlyInAnyOrderElementsOf(prefixed(SERVICES));
        assertThat(names(DEFAULTS.ofKind("ServiceAccount"))).containsExactlyInAnyOrderElementsOf(prefixed(SERVICES));
        for (String service : SERVICES) {
            Tree pod = DEFAULTS.named("Deployment", "ferry-" + service).at("spec", "template", "spec");
            assertThat(pod.at("serviceAccountName").text()).isEqualTo("ferry-" + service);
            assertThat(pod.at("automountServiceAccountToken").text())
                    .as(service)
                    .isEqualTo(String.valueOf(service.equals("deploy-service")));
        }
        assertThat(DEFAULTS.named("Service", "ferry-planner-service").at("spec", "ports").list().stream()
                        .map(p -> p.at("name").text()))
                .containsExactlyInAnyOrder("http", "management");
    }

    @Test
    void configMapCarriesTheSharedSettingsAndEveryPodReadsIt() {
        Tree data = DEFAULTS.named("ConfigMap", "ferry-config").at("data");

        assertThat(data.at("KAFKA_BOOTSTRAP_SERVERS").text()).isEqualTo("kafka:9092");
        assertThat(data.at("FERRY_PLANNER_DATABASE_URL").text()).startsWith("jdbc:postgresql://");
        assertThat(data.at("FERRY_ARGOCD_NAMESPACE").text()).isEqualTo("argocd");
        assertThat(data.at("MANAGEMENT_SERVER_PORT").text()).isEqualTo("8081");
        for (String service : SERVICES) {
            assertThat(DEFAULTS.container(service)
                            .at("envFrom")
                            .list()
                            .getFirst()
                            .at("configMapRef", "name")
                            .text())
                    .isEqualTo("ferry-config");
        }
        var custom = Rendered.chart(Map.of(
                "kafka.bootstrapServers", "b-1.msk:9096",
                "planner.databaseUrl", "jdbc:postgresql://db.internal:5432/ferry",
                "build.plainHttpRegistries[0]", "registry.local:5000"));
        Tree customData = custom.named("ConfigMap", "ferry-config").at("data");
        assertThat(customData.at("KAFKA_BOOTSTRAP_SERVERS").text()).isEqualTo("b-1.msk:9096");
        assertThat(customData.at("FERRY_PLANNER_DATABASE_URL").text())
                .isEqualTo("jdbc:postgresql://db.internal:5432/ferry");
        assertThat(customData.at("FERRY_BUILD_PLAINHTTPREGISTRIES").text()).isEqualTo("registry.local:5000");
    }

    @Test
    void secretsAreOnlyReferencedNeverRendered() {
        var everything = Rendered.chart(Map.of(
                "secrets.kafka.name", "ferry-kafka",
                "secrets.aws.name", "ferry-aws",
                "secrets.slack.webhookUrlKey", "webhook-url",
                "credentials.registries[0].ref", "ghcr",
                "credentials.registries[0].secretName", "ferry-ghcr",
                "credentials.registries[0].usernameKey", "username",
                "credentials.registries[0].passwordKey", "password"));

        assertThat(everything.ofKind("Secret")).isEmpty();
        for (String service : SERVICES) {
            for (Tree env : everything.container(service).at("env").list()) {
                String name = env.at("name").text();
                if (name.matches(".*(PASSWORD|TOKEN|SECRET|JAAS|WEBHOOK_URL|CREDENTIAL_).*")) {
                    assertThat(env.at("value").exists())
                            .as("%s %s has a literal value", service, name)
                            .isFalse();
                    assertThat(env.at("valueFrom", "secretKeyRef", "name").exists())
                            .as("%s %s from a secret", service, name)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void eachServiceReadsItsSecretsFromTheNamedSecrets() {
        assertThat(secretRefs("planner-service"))
                .containsEntry("FERRY_PLANNER_DATABASE_USERNAME", "ferry-postgres/username")
                .containsEntry("FERRY_PLANNER_DATABASE_PASSWORD", "ferry-postgres/password")
                .containsEntry("FERRY_GITHUB_WEBHOOK_SECRET", "ferry-github/webhook-secret");
        assertThat(secretRefs("repo-service")).containsEntry("FERRY_CREDENTIAL_GITHUB", "ferry-github/token");
        assertThat(secretRefs("deploy-service"))
                .containsEntry("FERRY_DEPLOY_CREDENTIALS_GITOPS_TOKEN", "ferry-github/token");
        assertThat(secretRefs("notifier-service")).containsEntry("SLACK_BOT_TOKEN", "ferry-slack/bot-token");
        assertThat(secretRefs("build-service")).isEmpty();

        var withKafkaAndAws =
                Rendered.chart(Map.of("secrets.kafka.name", "ferry-kafka", "secrets.aws.name", "ferry-aws"));
        for (String service : SERVICES) {
            assertThat(secretRefs(withKafkaAndAws, service))
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "ferry-kafka/sasl.jaas.config");
        }
        assertThat(secretRefs(withKafkaAndAws, "build-service"))
                .containsEntry("AWS_ACCESS_KEY_ID", "ferry-aws/aws-access-key-id")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "ferry-aws/aws-secret-access-key");
    }

    @Test
    void refusesACredentialRefSpringCannotBindFromAnEnvironmentVariable() {
        assertThatThrownBy(() -> Rendered.chart(Map.of(
                        "credentials.registries[0].ref", "my-registry",
                        "credentials.registries[0].secretName", "ferry-registry")))
                .hasMessageContaining(
                        "credentials.registries: ref \"my-registry\" must be lowercase letters and digits");
    }

    @Test
    void deployServiceMayOnlyGetAndPatchArgoCdApplicationsByDefault() {
        assertThat(DEFAULTS.ofKind("ClusterRole")).isEmpty();
        assertThat(DEFAULTS.ofKind("ClusterRoleBinding")).isEmpty();
        Tree role = DEFAULTS.named("Role", "ferry-deploy-service-argocd");

        assertThat(DEFAULTS.ofKind("Role")).hasSize(1);
        assertThat(role.at("metadata", "namespace").text()).isEqualTo("argocd");
        assertThat(rules(role)).containsExactly("argoproj.io/applications: get,patch");
        assertBoundToDeployService(DEFAULTS.named("RoleBinding", "ferry-deploy-service-argocd"), role);
    }

    @Test
    void directKubernetesNamespacesGrantDeploymentPatchAndPodListThereOnly() {
        var direct = Rendered.chart(Map.of(
                "deploy.rbac.deploymentNamespaces[0]", "shop",
                "deploy.rbac.deploymentNamespaces[1]", "payments",
                "deploy.argocdNamespace", "gitops"));

        var rollouts = direct.ofKind("Role").stream()
                .filter(r -> r.at("metadata", "name").text().equals("ferry-deploy-service-rollouts"))
                .toList();
        assertThat(rollouts.stream().map(r -> r.at("metadata", "namespace").text()))
                .containsExactlyInAnyOrder("shop", "payments");
        for (Tree role : rollouts) {
            assertThat(rules(role)).containsExactlyInAnyOrder("apps/deployments: get,patch", "/pods: list");
        }
        assertThat(direct.named("Role", "ferry-deploy-service-argocd")
                        .at("metadata", "namespace")
                        .text())
                .isEqualTo("gitops");
        assertThat(direct.ofKind("RoleBinding"))
                .hasSize(3)
                .allSatisfy(binding -> assertBoundToDeployService(
                        binding,
                        direct.named(
                                "Role",
                                binding.at("roleRef", "name").text(),
                                binding.at("metadata", "namespace").text())));
    }

    @Test
    void networkPoliciesDenyIngressExceptPlannerHttpAndPrometheus() {
        Tree deny = DEFAULTS.named("NetworkPolicy", "ferry-default-deny-ingress");
        assertThat(deny.at("spec", "policyTypes").texts()).containsExactly("Ingress");
        assertThat(deny.at("spec", "ingress").exists()).isFalse();
        for (String service : SERVICES) {
            Tree podLabels = DEFAULTS.named("Deployment", "ferry-" + service).at("spec", "template", "metadata");
            assertThat(podLabels.at("labels").map())
                    .as("%s is selected by the default deny", service)
                    .containsAllEntriesOf(
                            deny.at("spec", "podSelector", "matchLabels").map());
        }

        Tree http = DEFAULTS.named("NetworkPolicy", "ferry-planner-service-allow-http");
        assertThat(http.at("spec", "podSelector", "matchLabels", "app.kubernetes.io/name")
                        .text())
                .isEqualTo("planner-service");
        Tree httpRule = http.at("spec", "ingress").list().getFirst();
        assertThat(httpRule.at("ports").list().getFirst().at("port").text()).isEqualTo("http");
        assertThat(httpRule.at("from")
                        .list()
                        .getFirst()
                        .at("namespaceSelector", "matchLabels")
                        .map())
                .containsKey("kubernetes.io/metadata.name");

        Tree prometheus = DEFAULTS.named("NetworkPolicy", "ferry-allow-prometheus");
        assertThat(prometheus
                        .at("spec", "ingress")
                        .list()
                        .getFirst()
                        .at("ports")
                        .list()
                        .getFirst()
                        .at("port")
                        .text())
                .isEqualTo("management");

        assertThat(Rendered.chart(Map.of("networkPolicy.enabled", "false")).ofKind("NetworkPolicy"))
                .isEmpty();
    }

    @Test
    void dataServiceReadsItsDatabaseLoginsFromSecretsAndKeepsItsOffsetsInItsDataDirectory() {
        var chart = Rendered.chart(Map.of(
                "credentials.databases[0].ref", "monolithdb",
                "credentials.databases[0].secretName", "ferry-monolith-db",
                "credentials.databases[0].usernameKey", "username",
                "credentials.databases[0].passwordKey", "password",
                "data.persistence.enabled", "true"));

        assertThat(chart.named("ConfigMap", "ferry-config")
                        .at("data", "FERRY_DATA_DIR")
                        .text())
                .isEqualTo("/var/lib/ferry/data");
        assertThat(names(chart.ofKind("PersistentVolumeClaim"))).contains("ferry-data-service");
        Tree env = chart.container("data-service").at("env");
        assertThat(env.find("name", "FERRY_DATA_CREDENTIALS_MONOLITHDB_PASSWORD")
                        .orElseThrow()
                        .at("valueFrom", "secretKeyRef", "name")
                        .text())
                .isEqualTo("ferry-monolith-db");
        assertThat(env.find("name", "FERRY_DATA_CREDENTIALS_MONOLITHDB_USERNAME")
                        .orElseThrow()
                        .at("valueFrom", "secretKeyRef", "key")
                        .text())
                .isEqualTo("username");
    }

    @Test
    void disablingAServiceRemovesEverythingOfIt() {
        var withoutBuild = Rendered.chart(Map.of("build.enabled", "false"));
        assertThat(withoutBuild.objects()).noneMatch(o -> "build-service"
                .equals(o.at("metadata", "labels", "app.kubernetes.io/name").text()));
        assertThat(names(withoutBuild.ofKind("Deployment")))
                .hasSize(SERVICES.size() - 1)
                .doesNotContain("ferry-build-service");

        var withoutDeploy = Rendered.chart(Map.of("deploy.enabled", "false"));
        assertThat(withoutDeploy.ofKind("Role")).isEmpty();
        assertThat(withoutDeploy.ofKind("RoleBinding")).isEmpty();
        assertThat(withoutDeploy
                        .named("ConfigMap", "ferry-config")
                        .at("data", "FERRY_ARGOCD_NAMESPACE")
                        .exists())
                .isFalse();

        var withoutPlanner = Rendered.chart(Map.of("planner.enabled", "false"));
        assertThat(names(withoutPlanner.ofKind("NetworkPolicy"))).doesNotContain("ferry-planner-service-allow-http");
        assertThat(names(withoutPlanner.ofKind("PersistentVolumeClaim"))).containsExactly("ferry-repo-service");
        var oneEmbeddedPlanner = Rendered.chart(
                Map.of("planner.databaseUrl", "", "planner.replicaCount", "1", "planner.persistence.enabled", "true"));
        assertThat(names(oneEmbeddedPlanner.ofKind("PersistentVolumeClaim")))
                .containsExactlyInAnyOrder("ferry-planner-service", "ferry-repo-service");
    }

    @Test
    void statefulServicesKeepTheirDataOnAClaimAndReplaceTheirPodOneAtATime() {
        assertThat(names(DEFAULTS.ofKind("PersistentVolumeClaim"))).containsExactly("ferry-repo-service");
        for (String service : List.of("repo-service", "notifier-service")) {
            assertThat(DEFAULTS.named("Deployment", "ferry-" + service)
                            .at("spec", "strategy", "type")
                            .text())
                    .as(service)
                    .isEqualTo("Recreate");
        }
        Tree buildVolumes =
                DEFAULTS.named("Deployment", "ferry-build-service").at("spec", "template", "spec", "volumes");
        assertThat(buildVolumes
                        .find("name", "data")
                        .orElseThrow()
                        .at("emptyDir")
                        .exists())
                .isTrue();
    }

    @Test
    void buildahIsOffByDefaultSoBuildServiceKeepsTheHardenedDefaults() {
        assertHardened(DEFAULTS, "build-service");
        assertThat(DEFAULTS.named("ConfigMap", "ferry-config")
                        .at("data", "FERRY_BUILD_BUILDAH_REQUIRED")
                        .exists())
                .isFalse();
        assertThat(DEFAULTS.container("build-service").at("image").text())
                .isEqualTo("ferry/build-service:" + Repository.version());
    }

    @Test
    void buildahGivesBuildServiceAloneUidZeroExactlyItsCapabilitiesAndNoSeccompFilter() {
        var buildah = Rendered.chart(Map.of(
                "build.buildah.enabled", "true", "build.persistence.enabled", "true", "build.replicaCount", "1"));
        Tree pod = buildah.named("Deployment", "ferry-build-service").at("spec", "template", "spec");
        Tree container = buildah.container("build-service");

        assertThat(pod.at("securityContext", "runAsUser").text()).isEqualTo("0");
        assertThat(pod.at("securityContext", "runAsNonRoot").text()).isEqualTo("false");
        assertThat(pod.at("securityContext", "seccompProfile", "type").text()).isEqualTo("Unconfined");
        assertThat(container.at("securityContext", "capabilities", "drop").texts())
                .containsExactly("ALL");
        assertThat(container.at("securityContext", "capabilities", "add").texts())
                .containsExactlyInAnyOrderElementsOf(BUILDAH_CAPABILITIES);
        assertThat(container.at("securityContext", "allowPrivilegeEscalation").text())
                .isEqualTo("false");
        assertThat(container.at("securityContext", "privileged").exists()).isFalse();
        for (String service : SERVICES) {
            if (!service.equals("build-service")) {
                assertHardened(buildah, service);
            }
        }
    }

    @Test
    void buildahIsRequiredAndKeepsItsStorageOnBuildServicesVolume() {
        var buildah = Rendered.chart(Map.of(
                "build.buildah.enabled", "true", "build.persistence.enabled", "true", "build.replicaCount", "1"));
        Tree data = buildah.named("ConfigMap", "ferry-config").at("data");
        Tree pod = buildah.named("Deployment", "ferry-build-service").at("spec", "template", "spec");

        assertThat(data.at("FERRY_BUILD_BUILDAH_REQUIRED").text()).isEqualTo("true");
        String dataMount = buildah.container("build-service")
                .at("volumeMounts")
                .find("name", "data")
                .orElseThrow()
                .at("mountPath")
                .text();
        assertThat(data.at("FERRY_BUILD_BUILDAH_DIRECTORY").text()).startsWith(dataMount + "/");
        assertThat(pod.at("volumes")
                        .find("name", "data")
                        .orElseThrow()
                        .at("persistentVolumeClaim", "claimName")
                        .text())
                .isEqualTo("ferry-build-service");
    }

    @Test
    void buildahModeRunsTheImageItNamesAndOnlyThen() {
        String image = "build.buildah.image.repository";
        var named = Rendered.chart(Map.of("build.buildah.enabled", "true", image, "ferry/build-service-buildah"));
        var off = Rendered.chart(Map.of(image, "ferry/build-service-buildah"));

        assertThat(named.container("build-service").at("image").text())
                .isEqualTo("ferry/build-service-buildah:" + Repository.version());
        assertThat(named.container("repo-service").at("image").text())
                .isEqualTo("ferry/repo-service:" + Repository.version());
        assertThat(off.container("build-service").at("image").text())
                .isEqualTo("ferry/build-service:" + Repository.version());
    }

    @Test
    void runsTwoPlannersAndTwoReplicasOfBuildAndDeployAndRefusesTwoPlannersWithoutASharedDatabase() {
        assertThat(DEFAULTS.named("Deployment", "ferry-planner-service")
                        .at("spec", "replicas")
                        .text())
                .isEqualTo("2");
        assertThat(DEFAULTS.named("Deployment", "ferry-build-service")
                        .at("spec", "replicas")
                        .text())
                .isEqualTo("2");
        assertThat(DEFAULTS.named("Deployment", "ferry-deploy-service")
                        .at("spec", "replicas")
                        .text())
                .isEqualTo("2");
        assertThatThrownBy(() -> Rendered.chart(Map.of("planner.databaseUrl", "")))
                .hasMessageContaining("planner.replicaCount above 1 needs planner.databaseUrl");
        assertThatThrownBy(() -> Rendered.chart(Map.of("deploy.persistence.enabled", "true")))
                .hasMessageContaining("deploy.replicaCount must be 1 while deploy.persistence.enabled");
    }

    @Test
    void rendersFerrysAlertRulesAndGrafanaDashboardWhenAsked() {
        assertThat(DEFAULTS.ofKind("PrometheusRule")).isEmpty();
        var monitored = Rendered.chart(Map.of(
                "monitoring.alertRules.enabled", "true",
                "monitoring.alertRules.labels.release", "kube-prometheus-stack",
                "monitoring.grafanaDashboard.enabled", "true"));

        Tree rules = monitored.named("PrometheusRule", "ferry-alerts");
        assertThat(rules.at("metadata", "labels", "release").text()).isEqualTo("kube-prometheus-stack");
        assertThat(rules.at("spec", "groups").list().getFirst().at("rules").list())
                .extracting(rule -> rule.at("alert").text())
                .contains("FerryServiceDown", "FerryOutboxRelayDown", "FerryNoPlannerRelays", "FerryConsumerLag");
        Tree dashboard = monitored.named("ConfigMap", "ferry-grafana-dashboard");
        assertThat(dashboard.at("metadata", "labels", "grafana_dashboard").text())
                .isEqualTo("1");
        // JSON is YAML: the dashboard file parses, and has its panels.
        Map<String, Object> json =
                new Yaml().load(dashboard.at("data", "ferry.json").text());
        assertThat((List<?>) json.get("panels")).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void refusesASecondNotifierBecauseItWouldPostEverythingTwice() {
        assertThatThrownBy(() -> Rendered.chart(Map.of("notifier.replicaCount", "2")))
                .hasMessageContaining("notifier.replicaCount must be 1");
    }

    /** The chart's defaults for every pod: uid 65532, no capability, RuntimeDefault seccomp, read-only root. */
    private static void assertHardened(Rendered rendered, String service) {
        Tree pod = rendered.named("Deployment", "ferry-" + service).at("spec", "template", "spec");
        Tree container = rendered.container(service);
        assertThat(pod.at("securityContext", "runAsNonRoot").text()).as(service).isEqualTo("true");
        assertThat(pod.at("securityContext", "runAsUser").text()).as(service).isEqualTo("65532");
        assertThat(pod.at("securityContext", "seccompProfile", "type").text())
                .as(service)
                .isEqualTo("RuntimeDefault");
        assertThat(container.at("securityContext", "capabilities", "drop").texts())
                .as(service)
                .containsExactly("ALL");
        assertThat(container.at("securityContext", "capabilities", "add").exists())
                .as(service)
                .isFalse();
        assertThat(container.at("securityContext", "readOnlyRootFilesystem").text())
                .as(service)
                .isEqualTo("true");
    }

    private static Map<String, String> secretRefs(String service) {
        return secretRefs(DEFAULTS, service);
    }

    private static Map<String, String> secretRefs(Rendered rendered, String service) {
        return rendered.container(service).at("env").list().stream()
                .filter(env -> env.at("valueFrom", "secretKeyRef").exists())
                .collect(Collectors.toMap(
                        env -> env.at("name").text(),
                        env -> env.at("valueFrom", "secretKeyRef", "name").text() + "/"
                                + env.at("valueFrom", "secretKeyRef", "key").text()));
    }

    /** Rules as "group/resource: verbs", one per resource, so a test can compare them exactly. */
    private static List<String> rules(Tree role) {
        return role.at("rules").list().stream()
                .flatMap(rule -> rule.at("resources").texts().stream()
                        .flatMap(resource -> rule.at("apiGroups").texts().stream()
                                .map(group -> group + "/" + resource + ": "
                                        + String.join(",", rule.at("verbs").texts()))))
                .toList();
    }

    private static void assertBoundToDeployService(Tree binding, Tree role) {
        assertThat(binding.at("metadata", "namespace").text())
                .isEqualTo(role.at("metadata", "namespace").text());
        assertThat(binding.at("roleRef", "kind").text()).isEqualTo("Role");
        assertThat(binding.at("roleRef", "name").text())
                .isEqualTo(role.at("metadata", "name").text());
        Tree subject = binding.at("subjects").list().getFirst();
        assertThat(binding.at("subjects").list()).hasSize(1);
        assertThat(subject.at("kind").text()).isEqualTo("ServiceAccount");
        assertThat(subject.at("name").text()).isEqualTo("ferry-deploy-service");
        assertThat(subject.at("namespace").text()).isEqualTo(Rendered.NAMESPACE);
    }

    private static Set<String> names(List<Tree> objects) {
        return objects.stream().map(o -> o.at("metadata", "name").text()).collect(Collectors.toSet());
    }

    private static List<String> prefixed(List<String> services) {
        return services.stream().map(s -> "ferry-" + s).toList();
    }
}
