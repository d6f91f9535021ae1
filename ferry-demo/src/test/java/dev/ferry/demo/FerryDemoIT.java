package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliRun;
import dev.ferry.demo.image.Buildah;
import dev.ferry.demo.image.RunnableBase;
import dev.ferry.demo.sample.SampleService;
import dev.ferry.testsupport.OciTestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry demo} as a new user runs it: the command exits 0, and its summary table tells the truth about what is on
 * disk — each service's split repository, image tarball and GitOps commit — the source is archived, and every image
 * starts: run with buildah, its entrypoint answers its health command.
 */
class FerryDemoIT {

    private static final List<String> SERVICES =
            SampleService.FITSYNC.stream().map(SampleService::name).toList();

    @TempDir
    Path data;

    @Test
    void runsTheFitSyncPlanAndSummarisesWhatItWrote() throws Exception {
        requireBuildah();
        Path dataDirectory = data.resolve("demo");

        var run =
                new CliRun(FerryWithDemo::run).run("demo", "--data-dir", dataDirectory.toString(), "--commits", "600");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, List<String>> table = summaryRows(run.out());
        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        var outputs = new DemoOutputs(dataDirectory);
        assertThat(outputs.repositoryNames())
                .containsExactlyInAnyOrderElementsOf(
                        SERVICES.stream().map(s -> "fitsync-" + s + ".git").toList());
        assertThat(outputs.imageFiles()).hasSize(SERVICES.size());
        for (String service : SERVICES) {
            List<String> row = table.get(service);
            String head = outputs.splitHead(service);
            assertThat(head).as(service + " split SHA").startsWith(row.get(2));
            assertThat(Long.parseLong(row.get(1))).as(service + " commits").isEqualTo(outputs.splitCommits(service));
            assertThat(outputs.imageFiles())
                    .as(service + " image tarball, tagged with the split commit")
                    .contains("fitsync_" + service + "-" + head + ".tar");
            assertThat(row.get(3)).as(service + " image digest").matches("sha256:[0-9a-f]{12}");
            for (String environment : DemoPlan.ENVIRONMENTS) {
                String path = DemoOutputs.valuesPath(environment, service);
                assertThat(outputs.gitopsFile(path)).as(path).contains("tag: " + service + "-" + head);
                // The seed commit and exactly one bump.
                assertThat(outputs.gitopsCommitsTouching(path)).as(path).hasSize(2);
            }
            assertThat(outputs.gitopsCommitsTouching(DemoOutputs.valuesPath("prod", service))
                            .get(0))
                    .as(service + " GitOps commit (prod)")
                    .startsWith(row.get(4));
        }
        try (var buildah = Buildah.storedUnder(data.resolve("buildah"))) {
            for (String service : SERVICES) {
                Path tarball = outputs.layout()
                        .images()
                        .resolve("fitsync_" + service + "-" + outputs.splitHead(service) + ".tar");
                String container = buildah.from("docker-archive:" + tarball);
                assertThat(buildah.runImage(container, "health"))
                        .as(service + "'s image, started with `health`")
                        .isEqualTo("ok " + service + "\n");
            }
        }
        assertThat(run.out())
                .contains("The images are runnable")
                .containsPattern(
                        "[a-z-]+'s, started with buildah during the run, answered `health` with \"ok [a-z-]+\"")
                .contains("no cluster is configured")
                .contains("the demo approves it, as `ferry approve ")
                .contains("Where everything is");
        String readme = sourceReadme(outputs, data.resolve("source-clone"));
        assertThat(readme).contains("fitsync-user-service.git");
    }

    @Test
    void pushesTheImagesToARegistryWhenGivenOne() throws Exception {
        OciTestRegistry.assumeInstalled();
        requireBuildah();
        var registry = OciTestRegistry.shared();
        Path dataDirectory = data.resolve("demo-registry");

        var run = new CliRun(FerryWithDemo::run)
                .run("demo", "--data-dir", dataDirectory.toString(), "--commits", "200", "--registry", registry.host());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, List<String>> table = summaryRows(run.out());
        var outputs = new DemoOutputs(dataDirectory);
        assertThat(outputs.layout().images())
                .as("no tarballs when a registry is given")
                .doesNotExist();
        for (String service : SERVICES) {
            String tag = service + "-" + outputs.splitHead(service);
            HttpResponse<Void> manifest = RegistryTags.head(registry.uri(), "fitsync", tag);
            assertThat(manifest.statusCode())
                    .as("fitsync:" + tag + " in the registry")
                    .isEqualTo(200);
            assertThat(manifest.headers().firstValue("Docker-Content-Digest"))
                    .get()
                    .as(service + " digest in the summary")
                    .asString()
                    .startsWith(table.get(service).get(3));
        }
        assertThat(run.out())
                .contains("images                   " + registry.host() + "/fitsync:")
                .containsPattern(
                        "[a-z-]+'s, started with buildah during the run, answered `health` with \"ok [a-z-]+\"");
        try (var buildah = Buildah.storedUnder(data.resolve("buildah"))) {
            String image = registry.host() + "/fitsync:user-service-" + outputs.splitHead("user-service");
            String container = buildah.from("--tls-verify=false", "docker://" + image);
            assertThat(buildah.runImage(container, "health")).as(image).isEqualTo("ok user-service\n");
        }
    }

    /** Fails, saying what to install, rather than skipping: CI must run every test. */
    private static void requireBuildah() {
        assertThat(Buildah.installed() && Files.isExecutable(RunnableBase.BUSYBOX))
                .as("the demo's runnable images need Debian's buildah and busybox-static: apt-get install -y buildah"
                        + " busybox-static (.ci/run installs them)")
                .isTrue();
    }

    /** Rows of the summary table by service: commits, split SHA, digest, GitOps commit, lead time. */
    private static Map<String, List<String>> summaryRows(String out) {
        List<String> lines = out.lines().toList();
        int header = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("service ") && l.contains("split SHA"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary table in:\n" + out)));
        return lines.subList(header + 2, header + 2 + SERVICES.size()).stream()
                .map(line -> Arrays.asList(line.trim().split("\\s{2,}")))
                .collect(Collectors.toMap(cells -> cells.get(0), Function.identity()));
    }

    private static String sourceReadme(DemoOutputs outputs, Path clone) throws Exception {
        try (var git = Git.cloneRepository()
                .setURI(outputs.layout().source().toUri().toString())
                .setDirectory(clone.toFile())
                .call()) {
            return Files.readString(
                    git.getRepository().getWorkTree().toPath().resolve("README.md"), StandardCharsets.UTF_8);
        }
    }
}
