package dev.ferry.build.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.buildah.MissingBuildah;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.Builder;
import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.PushedImage;
import dev.ferry.build.domain.Registries;
import dev.ferry.build.domain.Retry;
import dev.ferry.build.domain.UploadProgress;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import dev.ferry.build.jib.JibImageBuilder;
import dev.ferry.build.jib.OciRegistry;
import dev.ferry.build.testing.BaseImages;
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
 * The benchmark, run by {@code bench/build-service/run.sh} (its name matches neither *Test nor *IT, so the
 * normal build skips it): seven service images on one shared base of about 50 MB, pulled from an "upstream" registry
 * and pushed to a "target" one, both real docker-registry processes. Cold push, warm push of the same commits, push
 * after one service changed; wall time and bytes uploaded for each. Figures are printed, not asserted on; only the
 * byte counts the issue promises are checked.
 */
class PushBenchmark {

    private static final int BASE_LAYER = 10 * 1024 * 1024;
    private static final int APP_BYTES = 256 * 1024;

    @TempDir
    Path temp;

    @Test
    void coldWarmAndOneChanged() throws Exception {
        try (var upstream = OciTestRegistry.start();
                var target = OciTestRegistry.start()) {
            BaseImages.push(
                    upstream.host(),
                    "library/node-base:20",
                    20,
                    BASE_LAYER,
                    BASE_LAYER,
                    BASE_LAYER,
                    BASE_LAYER,
                    BASE_LAYER);
            Map<String, ServiceRepository> repos = new LinkedHashMap<>();
            Map<String, String> commits = new LinkedHashMap<>();
            for (String service : BenchReport.SERVICES) {
                ServiceRepository repo = serviceRepository(service, upstream.host());
                repos.put(service, repo);
                commits.put(service, repo.commit(service));
            }
            var workflow = workflow(upstream, target);
            var report = new ArrayList<String>();

            Round cold = round("cold", workflow, repos, commits, target.host());
            Round warm = round("warm", workflow, repos, commits, target.host());
            repos.get("user-service").file("app/main.js", "console.log('changed " + System.nanoTime() + "')");
            commits.put("user-service", repos.get("user-service").commit("change user-service"));
            Round changed = round("one service changed", workflow, repos, commits, target.host());

            report.add("| push | wall time | bytes uploaded | layers uploaded | layers reused |");
            report.add("|---|---|---|---|---|");
            for (Round round : List.of(cold, warm, changed)) {
                report.add(round.row());
            }
            BenchReport.publish("push-benchmark.md", report);

            assertThat(warm.bytesUploaded).isZero();
            assertThat(changed.layersUploaded).isEqualTo(1);
            assertThat(cold.bytesUploaded).isGreaterThan(5L * BASE_LAYER);
        }
    }

    private record Round(String name, Duration wall, long bytesUploaded, int layersUploaded, int layersReused) {
        String row() {
            return "| %s | %.2f s | %,d | %d | %d |"
                    .formatted(name, wall.toMillis() / 1000.0, bytesUploaded, layersUploaded, layersReused);
        }
    }

    private Round round(
            String name,
            ImageBuildWorkflow workflow,
            Map<String, ServiceRepository> repos,
            Map<String, String> commits,
            String targetHost) {
        long start = System.nanoTime();
        long bytes = 0;
        int uploaded = 0;
        int reused = 0;
        for (String service : BenchReport.SERVICES) {
            var settings = new ImageSettings(
                    targetHost,
                    "fitsync-ecr",
                    "{service}-{sha}",
                    List.of("{service}-latest"),
                    null,
                    null,
                    false,
                    null,
                    Map.of());
            PushedImage image = workflow.build(
                            new BuildRequest(
                                    service,
                                    repos.get(service).location(),
                                    commits.get(service),
                                    null,
                                    settings,
                                    Builder.JIB),
                            UploadProgress.NONE)
                    .image();
            bytes += image.bytesUploaded();
            uploaded += image.layersUploaded();
            reused += image.layersReused();
        }
        return new Round(name, Duration.ofNanos(System.nanoTime() - start), bytes, uploaded, reused);
    }

    private ImageBuildWorkflow workflow(OciTestRegistry upstream, OciTestRegistry target) {
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                new JibImageBuilder(
                        temp.resolve("cache"), Set.of(upstream.host(), target.host()), host -> Optional.empty()),
                new MissingBuildah("buildah"),
                new Registries(
                        List.of(new OciRegistry(ref -> Optional.empty(), Set.of(upstream.host(), target.host())))),
                temp.resolve("archives"),
                new Retry(1, Duration.ZERO, pause -> {}),
                Clock.systemUTC());
    }

    private ServiceRepository serviceRepository(String service, String upstreamHost) {
        byte[] bundle = new byte[APP_BYTES];
        new Random(service.hashCode()).nextBytes(bundle);
        return ServiceRepository.create(temp.resolve(service))
                .file(
                        "Dockerfile",
                        "FROM " + upstreamHost + "/library/node-base:20\nWORKDIR /app\nCOPY app/ ./\n"
                                + "ENTRYPOINT [\"node\", \"main.js\"]\n")
                .file("app/main.js", "console.log('" + service + "')")
                .file("app/bundle.bin", bundle);
    }
}
