package dev.ferry.demo;

import dev.ferry.demo.sample.SampleService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.FileUtils;

/**
 * Creates the demo's GitOps repository as a platform team would have it before the migration (seed 000, "Week 3 /
 * Day 1-2: Create GitOps Repository"): one Helm values file per environment and service, which the deploy phases then
 * bump. A bare repository, pushed to like a hosted one.
 */
final class GitOpsSeed {

    private static final PersonIdent PLATFORM_TEAM = new PersonIdent(
            "FitSync Platform", "platform@fitsync.example", Instant.parse("2025-12-01T09:00:00Z"), ZoneOffset.UTC);

    private GitOpsSeed() {}

    static void create(Path bareRepository, List<SampleService> services, List<String> environments)
            throws IOException {
        Path work = Files.createTempDirectory("ferry-demo-gitops");
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            for (String environment : environments) {
                for (SampleService service : services) {
                    Path values = work.resolve("environments/" + environment + "/" + service.name() + "/values.yaml");
                    Files.createDirectories(values.getParent());
                    Files.writeString(values, values(service, environment), StandardCharsets.UTF_8);
                }
            }
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("Environment values for the FitSync services\n")
                    .setAuthor(PLATFORM_TEAM)
                    .setCommitter(PLATFORM_TEAM)
                    .setSign(false)
                    .call();
            Files.createDirectories(bareRepository.getParent());
            Git.init()
                    .setDirectory(bareRepository.toFile())
                    .setBare(true)
                    .setInitialBranch("main")
                    .call()
                    .close();
            git.push().setRemote(bareRepository.toUri().toString()).add("main").call();
        } catch (GitAPIException e) {
            throw new IOException("cannot create the GitOps repository " + bareRepository + ": " + e.getMessage(), e);
        } finally {
            FileUtils.delete(work.toFile(), FileUtils.RECURSIVE);
        }
    }

    private static String values(SampleService service, String environment) {
        return """
                # %s in %s. Ferry's deploy phases rewrite image.tag; the rest belongs to the platform team.
                replicaCount: %d
                image:
                  repository: fitsync
                  tag: unreleased
                service:
                  port: %d
                """.formatted(service.name(), environment, environment.equals("prod") ? 2 : 1, service.port());
    }
}
