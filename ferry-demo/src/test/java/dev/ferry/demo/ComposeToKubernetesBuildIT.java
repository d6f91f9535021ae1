package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.demo.image.Buildah;
import dev.ferry.repo.app.BareCommits;
import dev.ferry.testsupport.OciTestRegistry;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003's images, {@code examples/compose-to-kubernetes.yaml} up to its build phase, on Ferry's embedded services:
 * the five Node services are built by buildah from their folders of a repository on a real git server, read with a
 * token, and pushed to a real registry, tagged with the commit. Each image is pulled back and started; a second run
 * of the same plan finds every layer in the registry and uploads nothing.
 *
 * <p>The services are the fixture's, in the seed's Dockerfile shape on the busybox base ({@code RunnableBase}): there
 * is no Node and no npm registry here, so {@code RUN npm ci} is an offline equivalent that installs exactly the
 * packages package-lock.json lists from a vendored cache, and the command is a shell script printing what
 * {@code GET /health} answers. Everything Ferry does is real.
 */
class ComposeToKubernetesBuildIT {

    private static final String TOKEN = "ghp_compose-build-token-4c7d";
    private static final String EXAMPLE_REPOSITORY = "https://github.com/example-org/inventory-platform.git";
    private static final String EXAMPLE_REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    private static final List<String> SERVICES =
            List.of("user-service", "product-service", "inventory-service", "order-service", "supplier-service");
    private static final List<String> PACKAGES = List.of("express", "pg", "prom-client", "winston");

    @TempDir
    Path data;

    @Test
    void buildsTheFiveServicesFromTheirFoldersWithBuildahAndARebuildUploadsNothing() throws Exception {
        OciTestRegistry registry = ItStack.registry();
        String base = ItStack.runnableBase(data);
        try (var stack = ItStack.start(data, registry, TOKEN, Map.of())) {
            var git = stack.git;
            String head = platform(git, "shop/platform", base).name();
            var runs = stack.startRuns(Duration.ofMinutes(6));
            String plan = plan(git, registry, "shop/platform");

            Map<String, ImagePushed> first =
                    images(runs.run(plan, "compose-to-kubernetes", Set.of(), "images", SERVICES.size(), p -> {}));

            assertThat(first).containsOnlyKeys(SERVICES);
            try (var buildah = Buildah.storedUnder(data.resolve("pulled"))) {
                for (String service : SERVICES) {
                    ImagePushed image = first.get(service);
                    assertThat(image.getBuilder())
                            .as(service + ": RUN needs buildah")
                            .isEqualTo("buildah");
                    assertThat(image.getSourceCommit()).as(service).isEqualTo(head);
                    assertThat(image.getLayersUploaded())
                            .as(service + ": its own layers sent")
                            .isPositive();
                    assertThat(image.getImageReference())
                            .startsWith(registry.host() + "/" + service + "@sha256:")
                            .endsWith(image.getDigest());
                    String container = buildah.from(
                            "--tls-verify=false", "docker://" + registry.host() + "/" + service + ":" + head);
                    assertThat(buildah.run(
                                    "inspect", "--type", "container", "--format", "{{.FromImageDigest}}", container))
                            .as("the registry's %s:%s is the image pushed", service, head)
                            .isEqualToIgnoringWhitespace(image.getDigest());
                    assertStartsWithItsFilesAndPackages(buildah, container, service);
                }
            }

            Map<String, ImagePushed> again =
                    images(runs.run(plan, "compose-to-kubernetes", Set.of(), "images", SERVICES.size(), p -> {}));

            assertThat(again).containsOnlyKeys(SERVICES);
            for (String service : SERVICES) {
                assertThat(again.get(service))
                        .as("%s: the same commit, the same image, every layer already in the registry", service)
                        .satisfies(image -> {
                            assertThat(image.getDigest())
                                    .isEqualTo(first.get(service).getDigest());
                            assertThat(image.getLayersUploaded()).isZero();
                            assertThat(image.getBytesUploaded()).isZero();
                        });
            }
        }
    }

    /** Looks into the image pulled from the registry, and starts it, as a person would with docker run. */
    private static void assertStartsWithItsFilesAndPackages(Buildah buildah, String container, String service) {
        assertThat(buildah.run("run", "--isolation", "chroot", container, "--", "ls", "/app"))
                .as("%s: its folder, not the whole repository", service)
                .contains("package.json", "src")
                .doesNotContain("docker-compose.yml", "services");
        assertThat(cat(buildah, container, "/app/package.json")).contains("\"name\": \"" + service + "\"");
        assertThat(cat(buildah, container, "/app/src/server.js")).contains(service + " running on port");
        assertThat(cat(buildah, container, "/app/node_modules/express/package.json"))
                .as("%s: npm ci installed the locked version", service)
                .contains("\"version\": \"4.18.2\"");
        assertThat(buildah.runImage(container))
                .as("%s started with its own command", service)
                .isEqualTo("{\"status\": \"healthy\", \"service\": \"" + service + "\"}\n"
                        + "modules: express pg prom-client winston\n");
    }

    private static String cat(Buildah buildah, String container, String file) {
        return buildah.run("run", "--isolation", "chroot", container, "--", "cat", file);
    }

    private static Map<String, ImagePushed> images(PlanRuns.Run run) {
        return run.of(ImagePushed.class).stream()
                .filter(image -> image.getPhase().equals("images"))
                .collect(Collectors.toMap(ImagePushed::getService, Function.identity()));
    }

    /**
     * The example up to its build phase: the manifests and deploys that follow would start as soon as one service's
     * image is pushed, and are {@code ComposeToKubernetesRunIT}'s.
     */
    private static String plan(SmartHttpGitServer git, OciTestRegistry registry, String repository) throws Exception {
        String example = Files.readString(Path.of("../examples/compose-to-kubernetes.yaml"));
        return example.substring(0, example.indexOf("    - name: kubernetes-manifests\n"))
                .replace(EXAMPLE_REPOSITORY, "http://127.0.0.1:" + git.port() + "/" + repository + ".git")
                .replace("host: " + EXAMPLE_REGISTRY, "host: " + registry.host())
                .replace("    credentialRef: aws-ecr\n", "");
    }

    /** The repository as the seed finds it: the five services' folders, each with its Dockerfile. */
    private static ObjectId platform(SmartHttpGitServer git, String repository, String base) throws Exception {
        git.createRepository(repository);
        var files = new LinkedHashMap<String, String>();
        files.put("docker-compose.yml", "services: {}\n");
        for (String service : SERVICES) {
            files.putAll(service(service, base));
        }
        try (Repository platform = git.open(repository)) {
            return BareCommits.commit(platform, files, "the services as docker-compose builds them");
        }
    }

    private static Map<String, String> service(String service, String base) {
        String folder = "services/" + service + "/";
        var files = new LinkedHashMap<String, String>();
        files.put(folder + "package.json", """
                {
                  "name": "%s",
                  "version": "1.0.0",
                  "main": "src/server.js",
                  "scripts": { "start": "node src/server.js" },
                  "dependencies": { "express": "^4.18.2", "pg": "^8.11.3", "prom-client": "^15.1.0", "winston": "^3.11.0" }
                }
                """.formatted(service));
        files.put(folder + "package-lock.json", lockFile(service));
        files.put(folder + "src/server.js", """
                const app = require('express')();
                const PORT = process.env.PORT || 3000;
                app.get('/health', (req, res) => res.json({ status: 'healthy', service: '%s' }));
                app.listen(PORT, () => console.log(`%s running on port ${PORT}`));
                """.formatted(service, service));
        files.put(folder + "health.sh", """
                #!/bin/sh
                # Stands in for node src/server.js, which this image cannot run: what GET /health answers.
                echo '{"status": "healthy", "service": "%s"}'
                echo "modules: $(ls node_modules | xargs)"
                """.formatted(service));
        for (String name : PACKAGES) {
            files.put(
                    folder + "npm-cache/" + name + "/package.json",
                    "{ \"name\": \"" + name + "\", \"version\": \"" + version(name) + "\" }\n");
            files.put(folder + "npm-cache/" + name + "/index.js", "module.exports = {};\n");
        }
        files.put(folder + ".dockerignore", "node_modules\n");
        files.put(folder + "Dockerfile", """
                FROM %s
                WORKDIR /app
                COPY package*.json ./
                # npm ci without a network: exactly the packages package-lock.json lists, from the vendored cache.
                COPY npm-cache/ /tmp/npm-cache/
                RUN mkdir node_modules && for package in $(sed -n 's|^ *"node_modules/\\([^"]*\\)": {|\\1|p' package-lock.json); do cp -R "/tmp/npm-cache/$package" node_modules/ || exit 1; done && rm -rf /tmp/npm-cache
                COPY . .
                EXPOSE 3000
                CMD ["sh", "health.sh"]
                """.formatted(base));
        return files;
    }

    private static String lockFile(String service) {
        var lock = new StringBuilder(
                "{\n  \"name\": \"" + service + "\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");
        lock.append("    \"\": { \"name\": \"").append(service).append("\", \"version\": \"1.0.0\" }");
        for (String name : PACKAGES) {
            lock.append(",\n    \"node_modules/").append(name).append("\": {\n");
            lock.append("      \"version\": \"").append(version(name)).append("\"\n    }");
        }
        return lock.append("\n  }\n}\n").toString();
    }

    private static String version(String name) {
        return switch (name) {
            case "express" -> "4.18.2";
            case "pg" -> "8.11.3";
            case "prom-client" -> "15.1.0";
            default -> "3.11.0";
        };
    }
}
