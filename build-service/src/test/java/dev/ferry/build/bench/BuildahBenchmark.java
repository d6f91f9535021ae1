package dev.ferry.build.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.buildah.BuildahImageBuilder;
import dev.ferry.build.buildah.BuildahInstallation;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.Builder;
import dev.ferry.build.domain.BuiltImage;
import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.Registries;
import dev.ferry.build.domain.Retry;
import dev.ferry.build.domain.UploadProgress;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import dev.ferry.build.jib.JibImageBuilder;
import dev.ferry.build.jib.OciRegistry;
import dev.ferry.build.testing.BusyboxBase;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.testsupport.OciTestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's benchmark, run by {@code bench/build/run.sh} (its name matches neither *Test nor *IT, so the normal build
 * skips it): seven services, each a Dockerfile with a RUN on one shared busybox base (made here, no network), built by
 * buildah and pushed to a real docker-registry. Cold build, warm rebuild of the same commits, one service changed;
 * then one Dockerfile without RUN built by Jib and by buildah. Figures are printed, not asserted on; only what the
 * issue promises (a warm rebuild pushes nothing, a change pushes only its service's layers) is checked.
 */
class BuildahBenchmark {

    private static final int APP_BYTES = 512 * 1024;

    @TempDir
    Path temp;

    @Test
    void coldWarmOneChangedAndJibAgainstBuildah() throws Exception {
        try (var target = OciTestRegistry.start()) {
            String base = BusyboxBase.pushedTo(target.host());
            Map<String, ServiceRepository> repos = new LinkedHashMap<>();
            Map<String, String> commits = new LinkedHashMap<>();
            for (String service : BenchReport.SERVICES) {
                ServiceRepository repo = serviceRepository(service, base);
                repos.put(service, repo);
                commits.put(service, repo.commit(service));
            }
            ImageBuildWorkflow workflow = workflow(target.host());

            Round cold = round("cold: 7 services, RUN each (buildah)", workflow, repos, commits, target.host());
            Round warm = round("warm: same commits (buildah)", workflow, repos, commits, target.host());
            repos.get("user-service").file("app/main.js", "console.log('changed " + System.nanoTime() + "')");
            commits.put("user-service", repos.get("user-service").commit("change user-service"));
            Round changed = round("one service changed (buildah)", workflow, repos, commits, target.host());

            ServiceRepository plain = ServiceRepository.create(temp.resolve("plain"))
                    .file("Dockerfile", "FROM " + base + "\nWORKDIR /app\nCOPY app/ ./\nCMD [\"cat\", \"main.js\"]\n")
                    .file("app/main.js", "console.log('plain')")
                    .file("app/bundle.bin", randomBytes("plain"));
            String plainCommit = plain.commit("no RUN");
            Round jib = single("no RUN, cold (jib)", workflow, plain, plainCommit, target.host(), Builder.JIB);
            Round buildah =
                    single("no RUN, cold (buildah)", workflow, plain, plainCommit, target.host(), Builder.BUILDAH);

            var report = new ArrayList<String>();
            report.add("| build and push | wall time | builder | bytes uploaded | layers uploaded | layers reused |");
            report.add("|---|---|---|---|---|---|");
            for (Round round : List.of(cold, warm, changed, jib, buildah)) {
                report.add(round.row());
            }
            BenchReport.publish("buildah-benchmark.md", report);

            assertThat(warm.bytesUploaded).isZero();
            assertThat(warm.layersUploaded).isZero();
            assertThat(changed.layersUploaded)
                    .as("only user-service's COPY layer: its RUN runs again but, time stamps at 0, writes the layer"
                            + " the registry already has")
                    .isEqualTo(1);
        }
    }

    private record Round(
            String name, Duration wall, String builders, long bytesUploaded, int layersUploaded, int layersReused) {
        String row() {
            return "| %s | %.2f s | %s | %,d | %d | %d |"
                    .formatted(name, wall.toMillis() / 1000.0, builders, bytesUploaded, layersUploaded, layersReused);
        }
    }

    private Round round(
            String name,
            ImageBuildWorkflow workflow,
            Map<String, ServiceRepository> repos,
            Map<String, String> commits,
            String host) {
        long start = System.nanoTime();
        var built = new ArrayList<BuiltImage>();
        for (String service : BenchReport.SERVICES) {
            built.add(workflow.build(
                    request(service, repos.get(service), commits.get(service), host, "fitsync", Builder.AUTO),
                    UploadProgress.NONE));
        }
        return summary(name, Duration.ofNanos(System.nanoTime() - start), built);
    }

    private Round single(
            String name,
            ImageBuildWorkflow workflow,
            ServiceRepository repo,
            String commit,
            String host,
            Builder builder) {
        long start = System.nanoTime();
        BuiltImage built = workflow.build(
                request("plain", repo, commit, host, "plain-" + builder.planName(), builder), UploadProgress.NONE);
        return summary(name, Duration.ofNanos(System.nanoTime() - start), List.of(built));
    }

    private static Round summary(String name, Duration wall, List<BuiltImage> built) {
        return new Round(
                name,
                wall,
                String.join(
                        ",",
                        built.stream()
                                .map(image -> image.builder().planName())
                                .distinct()
                                .toList()),
                built.stream().mapToLong(image -> image.image().bytesUploaded()).sum(),
                built.stream().mapToInt(image -> image.image().layersUploaded()).sum(),
                built.stream().mapToInt(image -> image.image().layersReused()).sum());
    }

    private static BuildRequest request(
            String service, ServiceRepository repo, String commit, String host, String repository, Builder builder) {
        var settings = new ImageSettings(
                host, repository, "{service}-{sha}", List.of("{service}-latest"), null, null, false, null, Map.of());
        return new BuildRequest(service, repo.location(), commit, null, settings, builder);
    }

    private ImageBuildWorkflow workflow(String host) {
        Path buildah = BuildahInstallation.find("buildah").orElseThrow();
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                new JibImageBuilder(temp.resolve("jib-cache"), Set.of(host), h -> Optional.empty()),
                new BuildahImageBuilder(
                        buildah, temp.resolve("buildah"), Set.of(host), Duration.ofMinutes(10), h -> Optional.empty()),
                new Registries(List.of(new OciRegistry(ref -> Optional.empty(), Set.of(host)))),
                temp.resolve("archives"),
                new Retry(1, Duration.ZERO, pause -> {}),
                Clock.systemUTC());
    }

    private ServiceRepository serviceRepository(String service, String base) {
        return ServiceRepository.create(temp.resolve(service))
                .file("Dockerfile", """
                        FROM %s
                        WORKDIR /app
                        COPY app/ ./
                        RUN sha256sum bundle.bin > bundle.sha256 && gzip -c bundle.bin > bundle.bin.gz
                        CMD ["cat", "main.js"]
                        """.formatted(base))
                .file("app/main.js", "console.log('" + service + "')")
                .file("app/bundle.bin", randomBytes(service));
    }

    private static byte[] randomBytes(String seed) {
        byte[] bytes = new byte[APP_BYTES];
        new Random(seed.hashCode()).nextBytes(bytes);
        return bytes;
    }
}
