package dev.ferry.deploy.domain.compose;

import static dev.ferry.deploy.domain.compose.ComposeFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.compose.ComposeService.FileMount;
import dev.ferry.deploy.domain.compose.ComposeService.Port;
import dev.ferry.deploy.domain.compose.ComposeService.Volume;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeReaderTest {

    private static final String FILE = "docker-compose.yml";

    private static ComposeFile read(Map<String, String> files, Map<String, String> variables, Set<String> profiles) {
        return ComposeFixture.reader(files).read(FILE, variables, profiles);
    }

    private static ComposeFile seed() {
        return read(ComposeFixture.sourceFiles(), Map.of(), Set.of());
    }

    private static Map<String, String> withCompose(String compose) {
        var files = new LinkedHashMap<>(ComposeFixture.sourceFiles());
        files.put(FILE, compose);
        return files;
    }

    @Test
    void readsTheFiveServicesAndLeavesOutTheDatabaseWhoseProfileIsOff() {
        assertThat(seed().services().keySet())
                .containsExactly(
                        "user-service", "product-service", "inventory-service", "order-service", "supplier-service");
        assertThat(read(ComposeFixture.sourceFiles(), Map.of(), Set.of("local-db"))
                        .services())
                .containsKey("postgres");
    }

    @Test
    void readsPortsEnvironmentHealthcheckReplicasResourcesAndSecretsOfAService() {
        ComposeService user = seed().service("user-service").orElseThrow();

        assertThat(user.image()).isEmpty();
        assertThat(user.ports()).containsExactly(new Port(3000, 3001, "tcp"));
        assertThat(user.environment())
                .containsExactly(
                        Map.entry("LOG_LEVEL", "info"),
                        Map.entry("PORT", "3000"),
                        Map.entry("JWT_ISSUER", "inventory-platform"),
                        Map.entry("NODE_ENV", "production"),
                        Map.entry("DB_HOST", "postgres"),
                        Map.entry("DB_PASSWORD", "changeme"));
        var health = user.healthCheck().orElseThrow();
        assertThat(health.test()).containsExactly("curl", "-f", "http://localhost:3000/health");
        assertThat(health.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(health.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(health.startPeriod()).isEqualTo(Duration.ofSeconds(20));
        assertThat(user.replicas()).contains(3);
        assertThat(user.resources()).isEqualTo(new ComposeService.Resources(500, 512L << 20, 100, 128L << 20));
        assertThat(user.secrets())
                .containsExactly(new FileMount(
                        "jwt_secret",
                        "/run/secrets/jwt_secret",
                        lineOf(ComposeFixture.composeFile(), "secrets: [jwt")));
    }

    @Test
    void readsCommandsShellHealthchecksDependenciesVolumesAndConfigs() {
        ComposeFile compose = seed();
        ComposeService product = compose.service("product-service").orElseThrow();
        assertThat(product.command()).containsExactly("node", "dist/server.js", "--port", "3000");
        assertThat(product.healthCheck().orElseThrow().test())
                .containsExactly("/bin/sh", "-c", "wget -qO- http://127.0.0.1:3000/health || exit 1");
        assertThat(product.dependsOn()).containsExactly("user-service");

        ComposeService inventory = compose.service("inventory-service").orElseThrow();
        assertThat(inventory.ports()).containsExactly(new Port(3000, 3000, "tcp"));
        assertThat(inventory.volumes()).containsExactly(new Volume("uploads", "/app/uploads", false));
        assertThat(inventory.configs()).extracting(FileMount::target).containsExactly("/app/config/rules.json");
        assertThat(inventory.dependsOn()).containsExactly("user-service");
        assertThat(compose.configFiles()).containsEntry("inventory_rules", "config/inventory-rules.json");
        assertThat(compose.dependentsOf("inventory-service")).containsExactly("order-service", "supplier-service");
    }

    @Test
    void reportsFeaturesWithoutAKubernetesFormByServiceAndLine() {
        ComposeFile compose = seed();
        String text = ComposeFixture.composeFile();

        assertThat(compose.service("inventory-service").orElseThrow().unfaithful())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.location()).isEqualTo(FILE + ":" + lineOf(text, "./local-data"));
                    assertThat(f.feature()).isEqualTo("bind mount ./local-data:/app/seed");
                });
        assertThat(compose.service("order-service").orElseThrow().unfaithful())
                .extracting(f -> f.service() + " " + f.location() + " " + f.feature())
                .containsExactly(
                        "order-service " + FILE + ":" + lineOf(text, "network_mode") + " network_mode: host",
                        "order-service " + FILE + ":" + lineOf(text, "privileged") + " privileged: true");
    }

    @Test
    void interpolatesDefaultsAndLetsThePlansVariablesWin() {
        assertThat(seed().service("order-service").orElseThrow().image())
                .contains("registry.local/order-service:latest");
        ComposeFile pinned = read(ComposeFixture.sourceFiles(), Map.of("ORDER_TAG", "1.4.2"), Set.of());
        assertThat(pinned.service("order-service").orElseThrow().image())
                .contains("registry.local/order-service:1.4.2");
    }

    @Test
    void rejectsAnUndefinedVariableWithoutDefaultNamingFileAndLine() {
        String compose = "services:\n  web:\n    image: nginx\n    environment:\n      API_URL: ${API_URL}\n";
        assertThatThrownBy(() -> read(withCompose(compose), Map.of(), Set.of()))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith(FILE + ":5: variable API_URL in '${API_URL}' is not defined");
    }

    @Test
    void rejectsInvalidYamlWithTheLine() {
        String compose = "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"\n  db:\n    image: x\n";
        assertThatThrownBy(() -> read(withCompose(compose), Map.of(), Set.of()))
                .isInstanceOf(StepFailure.class)
                .hasMessageMatching("docker-compose\\.yml:\\d+: not valid YAML: .*");
    }

    @Test
    void rejectsAFileThatIsNotACompose() {
        assertThatThrownBy(() -> read(withCompose("- just\n- a list\n"), Map.of(), Set.of()))
                .hasMessageStartingWith(FILE + ":1: not a Compose file");
        assertThatThrownBy(() -> read(withCompose("version: '3.8'\nname: shop\n"), Map.of(), Set.of()))
                .hasMessage(FILE + ":1: not a Compose file: it has no services");
    }

    @Test
    void rejectsAServiceWithNeitherImageNorBuild() {
        String compose = "services:\n  web:\n    image: nginx\n  worker:\n    command: run\n";
        assertThatThrownBy(() -> read(withCompose(compose), Map.of(), Set.of()))
                .hasMessageStartingWith(FILE + ":5: service worker has neither image nor build");
    }

    @Test
    void rejectsAPortOutsideTheTcpRange() {
        String compose = "services:\n  web:\n    image: nginx\n    ports:\n      - \"8080:70000\"\n";
        assertThatThrownBy(() -> read(withCompose(compose), Map.of(), Set.of()))
                .hasMessage(FILE + ":5: service web port 70000 is outside 1-65535");
    }

    @Test
    void rejectsASecretTheFileDoesNotDeclare() {
        String compose = "services:\n  web:\n    image: nginx\n    secrets:\n      - api_key\n";
        assertThatThrownBy(() -> read(withCompose(compose), Map.of(), Set.of()))
                .hasMessageStartingWith(FILE + ":5: service web uses secret api_key, which the file's top-level");
    }

    @Test
    void rejectsAnEnvFileThatIsMissing() {
        var files = new LinkedHashMap<>(ComposeFixture.sourceFiles());
        files.remove("services/user-service/.env");
        assertThatThrownBy(() -> read(files, Map.of(), Set.of()))
                .hasMessageStartingWith(FILE + ":" + lineOf(ComposeFixture.composeFile(), "env_file")
                        + ": service user-service reads env_file ./services/user-service/.env");
    }

    @Test
    void readsCommandsWrittenAsOneLineWithQuotes() {
        assertThat(ComposeUnits.words("sh -c 'echo hello world' \"a b\""))
                .isEqualTo(List.of("sh", "-c", "echo hello world", "a b"));
    }
}
