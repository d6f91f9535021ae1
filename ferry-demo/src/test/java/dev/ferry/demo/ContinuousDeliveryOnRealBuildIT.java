package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ferry.cli.kafka.RunEventReader;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.demo.embedded.EmbeddedBroker;
import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.repo.app.BareCommits;
import dev.ferry.testsupport.GithubDeliveries;
import dev.ferry.testsupport.OciTestRegistry;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous delivery after a migration, with nothing standing in for a Ferry service: a small plan splits the cart
 * service out of a mono-repo, builds it and deploys it to dev (a real git server, a real registry, a GitOps repository
 * on that server, gitops-only). Then a developer pushes a change to the cart repository and GitHub delivers the signed
 * {@code push} to the planner's webhook: a delivery run builds exactly the pushed commit with the real build-service,
 * pushes that image to the registry and the real deploy-service commits its tag to dev. GitHub delivering the same
 * push again starts nothing.
 */
class ContinuousDeliveryOnRealBuildIT {

    private static final String TOKEN = "ghp_cd-e2e-token-4c2a";
    private static final String HOOK_SECRET = "hook-cd-e2e-secret-8e1d";
    private static final String CREDENTIAL = "git-token";
    private static final String VALUES = "environments/dev/cart/values.yaml";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    @Test
    void aPushToTheMigratedRepositoryIsBuiltAtThatCommitAndDeployedToDevOnce() throws Exception {
        OciTestRegistry.assumeInstalled();
        OciTestRegistry registry = OciTestRegistry.shared();
        try (var git = SmartHttpGitServer.start("x-access-token", TOKEN);
                var broker = EmbeddedBroker.start()) {
            seed(git);
            try (var services = new EmbeddedServices(settings(broker, registry))) {
                services.startAll();
                String planner = "http://127.0.0.1:" + services.port(FerryService.PLANNER);
                var runs = new PlanRuns(broker.bootstrapServers(), planner + "/migrations/", TIMEOUT);

                PlanRuns.Run migration = runs.runToEnd(plan(git, registry), "shop", Set.of());
                assertThat(migration.of(StepFailed.class)).isEmpty();
                assertThat(migration.of(MigrationFinished.class))
                        .singleElement()
                        .extracting(MigrationFinished::getOutcome)
                        .isEqualTo(MigrationOutcome.SUCCEEDED);
                String migrated = head(git, "acme/cart").name();
                assertThat(valuesAtHead(git)).contains("tag: cart-" + migrated);

                RevCommit pushed = pushChange(git);
                String body = pushPayload(migrated, pushed.name());
                String delivery = UUID.randomUUID().toString();
                int gitopsCommits = commitCount(git, "acme/gitops");

                List<SpecificRecord> events;
                String run;
                try (var reader = RunEventReader.openAtEnd(
                        broker.bootstrapServers(),
                        List.of(
                                Topics.PHASE_STARTED,
                                Topics.IMAGE_PUSHED,
                                Topics.DEPLOY_SYNCED,
                                Topics.STEP_FAILED,
                                Topics.MIGRATION_FINISHED))) {
                    assertThat(deliver(planner, delivery, body).statusCode())
                            .as("GitHub's first delivery of the push")
                            .isEqualTo(202);
                    run = deliveryRun(planner);
                    events = follow(reader, run, planner);
                }

                assertThat(events)
                        .filteredOn(PhaseStarted.class::isInstance)
                        .extracting(event -> ((PhaseStarted) event).getPhase())
                        .containsExactly("build", "deploy-dev");
                ImagePushed image = only(events, ImagePushed.class);
                String tag = "cart-" + pushed.name();
                assertThat(image.getService()).isEqualTo("cart");
                assertThat(image.getSourceCommit()).as("the commit built").isEqualTo(pushed.name());
                assertThat(image.getTags()).contains(tag);
                assertThat(image.getBuilder()).isEqualTo("jib");
                assertThat(registryFile(registry, tag, image.getDigest(), "version.txt"))
                        .as("the image in the registry holds the pushed change")
                        .isEqualTo("2\n");

                DeploySynced deployed = only(events, DeploySynced.class);
                assertThat(deployed.getEnvironment()).isEqualTo("dev");
                assertThat(deployed.getImageTag()).isEqualTo(tag);
                assertThat(valuesAtHead(git)).contains("tag: " + tag).doesNotContain(migrated);
                assertThat(head(git, "acme/gitops").name())
                        .as("the GitOps commit the deploy reported is the head of main")
                        .isEqualTo(deployed.getGitopsCommit());
                assertThat(commitCount(git, "acme/gitops")).isEqualTo(gitopsCommits + 1);

                assertThat(only(events, MigrationFinished.class).getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
                assertThat(status(planner, run).path("state").asText()).isEqualTo("SUCCEEDED");

                assertThat(deliver(planner, delivery, body).statusCode())
                        .as("GitHub delivering the same push again")
                        .isEqualTo(200);
                Thread.sleep(2_000);
                assertThat(deliveryRuns(planner)).containsExactly(run);
                assertThat(commitCount(git, "acme/gitops")).isEqualTo(gitopsCommits + 1);
            }
        }
    }

    /** The events of the delivery run until it finished; a failed step fails the test with its reason. */
    private static List<SpecificRecord> follow(RunEventReader reader, String run, String planner) {
        var events = new ArrayList<SpecificRecord>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events.stream().noneMatch(MigrationFinished.class::isInstance)) {
            if (System.nanoTime() > deadline) {
                fail(
                        "the delivery run did not finish within %s; the planner's status: %s",
                        TIMEOUT, status(planner, run));
            }
            for (SpecificRecord event : reader.poll(run, Duration.ofMillis(200))) {
                if (event instanceof StepFailed failed) {
                    fail("%s of %s failed: %s", failed.getPhase(), failed.getService(), failed.getReason());
                }
                events.add(event);
            }
        }
        return events;
    }

    /** The delivery run the push started, as {@code ferry status} lists it. */
    private static String deliveryRun(String planner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> runs = deliveryRuns(planner);
            if (!runs.isEmpty()) {
                return runs.getFirst();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no delivery run started; runs: " + PlanRuns.get(planner + "/migrations"));
    }

    private static List<String> deliveryRuns(String planner) {
        var ids = new ArrayList<String>();
        try {
            for (JsonNode run : JSON.readTree(PlanRuns.get(planner + "/migrations"))) {
                if (run.path("planName").asText().equals("shop-delivery-cart")) {
                    ids.add(run.path("id").asText());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("the planner's run list is not JSON", e);
        }
        return ids;
    }

    private static JsonNode status(String planner, String run) {
        try {
            return JSON.readTree(PlanRuns.get(planner + "/migrations/" + run));
        } catch (IOException e) {
            throw new AssertionError("the run's status is not JSON", e);
        }
    }

    /** The mono-repo with the cart service, its empty new repository, and the GitOps repository with dev's values. */
    private static void seed(SmartHttpGitServer git) throws IOException {
        git.createRepository("acme/shop");
        try (Repository shop = git.open("acme/shop")) {
            BareCommits.commit(
                    shop,
                    Map.of(
                            "services/cart/Dockerfile", "FROM scratch\nCOPY version.txt /version.txt\n",
                            "services/cart/version.txt", "1\n",
                            "README.md", "The shop\n"),
                    "the shop before the migration");
        }
        git.createRepository("acme/cart");
        git.createRepository("acme/gitops");
        try (Repository gitops = git.open("acme/gitops")) {
            BareCommits.commit(
                    gitops,
                    Map.of(VALUES, "replicaCount: 1\nimage:\n  repository: cart\n  tag: unreleased\n"),
                    "dev values for the cart");
        }
    }

    /** What a developer does after the migration: clone the cart repository, change it, push to main. */
    private RevCommit pushChange(SmartHttpGitServer git) throws Exception {
        var credentials = new UsernamePasswordCredentialsProvider("x-access-token", TOKEN);
        Path work = data.resolve("developer/cart");
        try (Git clone = Git.cloneRepository()
                .setURI(git.url("acme/cart"))
                .setDirectory(work.toFile())
                .setCredentialsProvider(credentials)
                .call()) {
            Files.writeString(work.resolve("version.txt"), "2\n");
            RevCommit commit = clone.commit()
                    .setAll(true)
                    .setMessage("cart version 2")
                    .setAuthor("Dana", "dana@example.com")
                    .setCommitter("Dana", "dana@example.com")
                    .setSign(false)
                    .call();
            clone.push().setCredentialsProvider(credentials).call();
            assertThat(head(git, "acme/cart")).isEqualTo(commit);
            return commit;
        }
    }

    /** GitHub's {@code push} payload for the developer's push, with the fields Ferry reads. */
    private static String pushPayload(String before, String after) {
        return """
                {"ref": "refs/heads/main", "before": "%s", "after": "%s", "created": false, "deleted": false,
                 "forced": false, "head_commit": {"id": "%s", "message": "cart version 2"},
                 "repository": {"full_name": "acme/cart", "name": "cart", "default_branch": "main"},
                 "pusher": {"name": "dana"}}
                """.formatted(before, after, after);
    }

    private static HttpResponse<String> deliver(String planner, String delivery, String body) throws Exception {
        String signature = GithubDeliveries.signature(HOOK_SECRET, body.getBytes(StandardCharsets.UTF_8));
        return GithubDeliveries.post(URI.create(planner + "/webhooks/github"), "push", delivery, body, signature);
    }

    /**
     * Reads the image back from the registry by its tag, checks the tag names the digest Ferry reported, and returns
     * the text of {@code file} in its top layer.
     */
    private static String registryFile(OciTestRegistry registry, String tag, String digest, String file)
            throws Exception {
        String base = registry.uri() + "/v2/cart/";
        HttpResponse<String> manifest = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "manifests/" + tag))
                                .header(
                                        "Accept",
                                        "application/vnd.oci.image.manifest.v1+json,"
                                                + "application/vnd.docker.distribution.manifest.v2+json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).as("the registry has cart:" + tag).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(digest);
        JsonNode layers = JSON.readTree(manifest.body()).path("layers");
        String layer = layers.get(layers.size() - 1).path("digest").asText();
        HttpResponse<InputStream> blob = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "blobs/" + layer))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        try (var tar = new GZIPInputStream(blob.body())) {
            return tarEntry(tar, file);
        }
    }

    /** The text of the tar entry named {@code file} (with or without a leading slash), or null. */
    private static String tarEntry(InputStream tar, String file) throws IOException {
        while (true) {
            byte[] header = tar.readNBytes(512);
            if (header.length < 512 || header[0] == 0) {
                return null;
            }
            String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
            long size = Long.parseLong(
                    new String(header, 124, 12, StandardCharsets.US_ASCII)
                            .replace("\0", "")
                            .strip(),
                    8);
            var content = new ByteArrayOutputStream();
            content.write(tar.readNBytes((int) size));
            tar.skipNBytes((512 - size % 512) % 512);
            if (name.equals(file) || name.equals("/" + file) || name.equals("./" + file)) {
                return content.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** Split, build, deploy to dev: everything on this test's git server and registry, with one token for git. */
    private static String plan(SmartHttpGitServer git, OciTestRegistry registry) {
        String server = "http://127.0.0.1:" + git.port() + "/acme/";
        return """
                apiVersion: ferry.dev/v1
                kind: MigrationPlan
                metadata:
                  name: shop
                spec:
                  source:
                    repository: %1$sshop.git
                    branch: main
                    credentialRef: %3$s
                  defaults:
                    target:
                      repository: %1$s{service}.git
                      defaultBranch: main
                      credentialRef: %3$s
                  registry:
                    host: %2$s
                    repository: cart
                    tagTemplate: "{service}-{sha}"
                    builder: jib
                  gitops:
                    repository: %1$sgitops.git
                    branch: main
                    layout: helm-values
                    path: environments/{env}/{service}/values.yaml
                    keyPath: image.tag
                    mode: gitops-only
                    credentialRef: %3$s
                  environments:
                    - name: dev
                  services:
                    - name: cart
                      path: services/cart
                      port: 8080
                  phases:
                    - name: split
                      action: split
                    - name: build
                      action: build
                      dependsOn: [split]
                    - name: deploy-dev
                      action: deploy
                      environment: dev
                      dependsOn: [build]
                """.formatted(server, registry.host(), CREDENTIAL);
    }

    private Map<FerryService, Map<String, Object>> settings(EmbeddedBroker broker, OciTestRegistry registry) {
        Map<FerryService, Map<String, Object>> settings = ItSettings.under(data, broker, registry.host());
        settings.get(FerryService.REPO).put("ferry.credentials." + CREDENTIAL, TOKEN);
        settings.get(FerryService.BUILD).put("ferry.build.credentials." + CREDENTIAL + ".password", TOKEN);
        settings.get(FerryService.DEPLOY)
                .putAll(Map.of(
                        "ferry.deploy.credentials." + CREDENTIAL + ".username",
                        "x-access-token",
                        "ferry.deploy.credentials." + CREDENTIAL + ".token",
                        TOKEN));
        settings.get(FerryService.PLANNER).put("ferry.planner.github.webhook-secret", HOOK_SECRET);
        return settings;
    }

    private static <T> T only(List<SpecificRecord> events, Class<T> type) {
        List<T> found = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.getFirst();
    }

    private static String valuesAtHead(SmartHttpGitServer git) throws IOException {
        try (Repository gitops = git.open("acme/gitops")) {
            return BareCommits.file(gitops, VALUES);
        }
    }

    private static RevCommit head(SmartHttpGitServer git, String repository) throws IOException {
        try (Repository bare = git.open(repository)) {
            return BareCommits.head(bare);
        }
    }

    private static int commitCount(SmartHttpGitServer git, String repository) throws Exception {
        try (Repository bare = git.open(repository);
                Git gitApi = new Git(bare)) {
            int count = 0;
            for (RevCommit ignored : gitApi.log().call()) {
                count++;
            }
            return count;
        }
    }
}
