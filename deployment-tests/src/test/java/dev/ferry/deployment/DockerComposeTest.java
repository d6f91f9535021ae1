package dev.ferry.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks docker-compose.yml as Compose reads it (YAML merge keys resolved). `docker-compose config` in .ci/run checks
 * that Compose accepts it; this checks that what it describes is what Ferry needs.
 */
class DockerComposeTest {

    /** Variable names that hold a secret: these must come from the environment, never from the file. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|ACCESS_KEY|WEBHOOK_URL).*");

    /** ${NAME}, ${NAME:-} or ${NAME:?message}: a reference with no value of its own. */
    private static final Pattern BARE_REFERENCE = Pattern.compile("\\$\\{[A-Z0-9_]+(:-|:\\?[^}]*)?}");

    private final Tree compose = load();
    private final Map<String, Tree> services = compose.at("services").map();

    @Test
    void runsTheFiveServicesFromTheirJibImagesOfTheProjectVersion() {
        for (String service : HelmChartTest.SERVICES) {
            assertThat(services).containsKey(service);
            assertThat(services.get(service).at("image").text())
                    .isEqualTo("ferry/" + service + ":${FERRY_VERSION:-" + Repository.version() + "}");
        }
    }

    @Test
    void kafkaIsTheApacheImageInKraftModeWithAListenerForTheContainers() {
        Tree kafka = services.get("kafka");
        Tree env = kafka.at("environment");

        assertThat(kafka.at("image").text()).startsWith("apache/kafka:");
        assertThat(env.at("KAFKA_PROCESS_ROLES").text()).isEqualTo("broker,controller");
        assertThat(env.at("KAFKA_CONTROLLER_QUORUM_VOTERS").text()).isEqualTo("1@kafka:9093");
        assertThat(env.map().keySet()).noneMatch(key -> key.contains("ZOOKEEPER"));
        assertThat(services).doesNotContainKey("zookeeper");
        assertThat(env.at("KAFKA_ADVERTISED_LISTENERS").text()).contains("INTERNAL://kafka:29092");
        for (String service : HelmChartTest.SERVICES) {
            assertThat(services.get(service)
                            .at("environment", "KAFKA_BOOTSTRAP_SERVERS")
                            .text())
                    .as(service)
                    .isEqualTo("kafka:29092");
        }
    }

    @Test
    void postgresRunsWithLogicalReplicationOnAVolumeAndThePlannerUsesIt() {
        Tree postgres = services.get("postgres");

        assertThat(postgres.at("image").text()).isEqualTo("postgres:17");
        assertThat(String.join(" ", postgres.at("command").texts())).contains("-c wal_level=logical");
        assertThat(postgres.at("volumes").texts()).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(compose.at("volumes").map()).containsKey("postgres-data");
        Tree planner = services.get("planner-service").at("environment");
        assertThat(planner.at("FERRY_PLANNER_DATABASE_URL").text())
                .isEqualTo("jdbc:postgresql://postgres:5432/"
                        + postgres.at("environment", "POSTGRES_DB").text());
        assertThat(planner.at("FERRY_PLANNER_DATABASE_PASSWORD").text())
                .isEqualTo(postgres.at("environment", "POSTGRES_PASSWORD").text());
    }

    @Test
    void buildServiceCanPushToTheComposeRegistry() {
        assertThat(services.get("registry").at("image").text()).isEqualTo("registry:2");
        assertThat(services.get("build-service")
                        .at("environment", "FERRY_BUILD_PLAINHTTPREGISTRIES")
                        .text())
                .isEqualTo("registry:5000");
    }

    @Test
    void buildServiceRunsAsRootWithExactlyTheCapabilitiesBuildahNeedsAndNoSeccompFilter() {
        Tree build = services.get("build-service");

        assertThat(build.at("user").text()).isEqualTo("0:0");
        assertThat(build.at("privileged").exists()).isFalse();
        assertThat(build.at("cap_drop").texts()).containsExactly("ALL");
        assertThat(build.at("cap_add").texts()).containsExactlyInAnyOrderElementsOf(HelmChartTest.BUILDAH_CAPABILITIES);
        assertThat(build.at("security_opt").texts())
                .containsExactlyInAnyOrder("seccomp=unconfined", "no-new-privileges:true");
        assertThat(build.at("environment", "FERRY_BUILD_BUILDAH_DIRECTORY").text())
                .startsWith("/var/lib/ferry/");
        assertThat(build.at("environment", "FERRY_BUILD_BUILDAH_REQUIRED").text())
                .isEqualTo("${FERRY_BUILD_BUILDAH_REQUIRED:-false}");
    }

    @Test
    void theOtherServicesKeepTheirImagesUserAndDockersDefaults() {
        for (String service : HelmChartTest.SERVICES) {
            if (!service.equals("build-service")) {
                Tree ferry = services.get(service);
                for (String setting : List.of("user", "cap_add", "security_opt", "privileged")) {
                    assertThat(ferry.at(setting).exists())
                            .as("%s %s", service, setting)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void noSecretValueIsWrittenInTheFile() {
        services.forEach((name, service) -> service.at("environment").map().forEach((variable, value) -> {
            if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(value.text())
                        .as("%s of %s must be a bare ${VARIABLE} reference", variable, name)
                        .matches(BARE_REFERENCE);
            }
        }));
        assertThat(services.get("postgres")
                        .at("environment", "POSTGRES_PASSWORD")
                        .text())
                .as("the database password is required, not defaulted")
                .startsWith("${FERRY_POSTGRES_PASSWORD:?");
    }

    @Test
    void servicesHaveHealthChecksAndStartAfterWhatTheyNeedIsHealthy() {
        for (String service : List.of("kafka", "postgres", "registry")) {
            assertThat(services.get(service).at("healthcheck", "test").exists())
                    .as(service)
                    .isTrue();
        }
        for (String service : HelmChartTest.SERVICES) {
            Tree ferry = services.get(service);
            assertThat(String.join(" ", ferry.at("healthcheck", "test").texts()))
                    .contains("/actuator/health/readiness");
            assertThat(ferry.at("depends_on", "kafka", "condition").text()).isEqualTo("service_healthy");
            assertThat(ferry.at("depends_on", "volume-permissions", "condition").text())
                    .isEqualTo("service_completed_successfully");
            assertThat(ferry.at("volumes").texts()).anyMatch(volume -> volume.endsWith(":/var/lib/ferry"));
        }
        assertThat(services.get("planner-service")
                        .at("depends_on", "postgres", "condition")
                        .text())
                .isEqualTo("service_healthy");
        assertThat(services.get("build-service")
                        .at("depends_on", "registry", "condition")
                        .text())
                .isEqualTo("service_healthy");
    }

    @Test
    void theHelmChartShipsTheSameImageVersion() throws IOException {
        var chart = new Yaml(new SafeConstructor(new LoaderOptions()))
                .<Map<String, Object>>load(Files.readString(Repository.chart().resolve("Chart.yaml")));

        assertThat(chart.get("appVersion")).isEqualTo(Repository.version());
    }

    private static Tree load() {
        try {
            String text = Files.readString(Repository.root().resolve("docker-compose.yml"));
            return new Tree(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docker-compose.yml: " + e.getMessage(), e);
        }
    }
}
