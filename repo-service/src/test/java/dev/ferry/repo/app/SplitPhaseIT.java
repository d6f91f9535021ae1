package dev.ferry.repo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.repo.RepoApplication;
import dev.ferry.repo.jgit.FilterRepo;
import dev.ferry.repo.jgit.GitCli;
import dev.ferry.repo.jgit.RandomMonorepo;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.ServiceBoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * repo-service as deployed: its Spring Boot application on a real Kafka broker receives the planner's split phase and
 * answers with one repo.split per service (or step.failed), and the pushed repositories hold filter-repo's commits.
 * Restarted and sent the same phase again (a redelivery), it changes nothing and reports the same commits.
 */
class SplitPhaseIT {

    @TempDir
    Path dir;

    @Test
    void aSplitPhaseOnKafkaPushesEveryServiceAndSurvivesARestartAndARedelivery() throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(3), 60); // a seed where filter-repo 2.38 keeps every source tree
        String migration = "it-" + UUID.randomUUID();
        var phase = Phases.split(
                migration,
                List.of(
                        Phases.service(
                                "a",
                                source.toString(),
                                "svc/a",
                                Phases.target(dir.resolve("a.git").toString())),
                        Phases.service(
                                "web",
                                source.toString(),
                                "web",
                                Phases.target(dir.resolve("web.git").toString())),
                        Phases.service(
                                "ghost",
                                source.toString(),
                                "svc/ghost",
                                Phases.target(dir.resolve("g.git").toString()))));
        String data = "--ferry.repo.data-directory=" + dir.resolve("data");

        try (var context = ServiceBoot.start(RepoApplication.class, data)) {
            context.getBean(EventPublisher.class).publish(phase).get();
            var results = awaitResults(migration, 3);
            assertThat(results).filteredOn(RepoSplit.class::isInstance).hasSize(2);
            for (var event : results) {
                if (event instanceof RepoSplit split) {
                    String path = split.getService().equals("a") ? "svc/a" : "web";
                    String expected = GitCli.run(
                                    FilterRepo.subdirectoryFilter(source, "main", path, dir)
                                            .repository(),
                                    "rev-parse",
                                    "main")
                            .trim();
                    assertThat(split.getTargetCommit()).isEqualTo(expected);
                    assertThat(GitCli.run(dir.resolve(split.getService() + ".git"), "rev-parse", "main")
                                    .trim())
                            .isEqualTo(expected);
                } else {
                    var failed = (StepFailed) event;
                    assertThat(failed.getService()).isEqualTo("ghost");
                    assertThat(failed.getReason()).contains("svc/ghost does not exist");
                }
            }
        }
        String before = GitCli.run(dir.resolve("a.git"), "rev-list", "--all");
        try (var context = ServiceBoot.start(RepoApplication.class, data)) {
            context.getBean(EventPublisher.class).publish(phase).get();
            var again = awaitResults(migration, 6);
            var splits = again.stream()
                    .filter(RepoSplit.class::isInstance)
                    .map(RepoSplit.class::cast)
                    .toList();
            assertThat(splits).hasSize(4);
            assertThat(splits.stream().map(RepoSplit::getTargetCommit).distinct())
                    .hasSize(2);
        }
        assertThat(GitCli.run(dir.resolve("a.git"), "rev-list", "--all")).isEqualTo(before);
    }

    /** The repo.split and step.failed records of one migration, waiting until there are {@code count}. */
    private static List<SpecificRecord> awaitResults(String migration, int count) {
        return Results.await(migration, count, Topics.REPO_SPLIT, Topics.STEP_FAILED);
    }
}
