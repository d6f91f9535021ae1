package dev.ferry.repo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.repo.RepoApplication;
import dev.ferry.repo.jgit.FilterRepo;
import dev.ferry.repo.jgit.GitCli;
import dev.ferry.repo.jgit.RandomMonorepo;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.ServiceBoot;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * repo-service as deployed merging repositories into a monorepo: its Spring Boot application on a real Kafka broker
 * receives the planner's merge phase, reads the monorepo and every repository from a git server that asks for a token,
 * pushes one merge commit per repository and answers step.succeeded. Each merged history is what {@code git filter-repo
 * --to-subdirectory-filter <dir> --tag-rename '':'<dir>/'} gives, SHA for SHA, its annotated tag included. Restarted
 * and sent the same phase again (a redelivery), it merges nothing twice and reports the same head.
 */
class MergePhaseIT {

    private static final String TOKEN = "ghp_merge-token";

    /** Directory in the monorepo for each generated repository (its seed; filter-repo 2.38 is faithful on these). */
    private static final Map<String, Long> REPOSITORIES = new LinkedHashMap<>();

    static {
        REPOSITORIES.put("services/orders", 31L);
        REPOSITORIES.put("services/billing", 32L);
        REPOSITORIES.put("libs/shared-ui", 33L);
    }

    @TempDir
    Path dir;

    @Test
    void aMergePhaseOnKafkaBringsEveryRepositoryInAsFilterRepoDoesAndSurvivesARestartAndARedelivery() throws Exception {
        try (var git = SmartHttpGitServer.start("x-access-token", TOKEN)) {
            git.createRepository("acme/platform");
            try (Repository platform = git.open("acme/platform")) {
                BareCommits.commit(
                        platform, Map.of("README.md", "platform\n", "services/existing/app.py", "app\n"), "platform");
            }
            Path monorepo = git.directory("acme/platform");
            String before = GitCli.run(monorepo, "rev-parse", "main").trim();
            var settings = new LinkedHashMap<String, String>();
            var expectedHeads = new ArrayList<String>();
            int entry = 1;
            for (var repository : REPOSITORIES.entrySet()) {
                Path source = generate(repository.getValue());
                String name = "acme/repo-" + repository.getValue();
                GitCli.run(
                        dir,
                        "clone",
                        "--quiet",
                        "--bare",
                        source.toString(),
                        git.directory(name).toString());
                settings.put("repositories." + entry++, git.url(name) + " -> " + repository.getKey());
                expectedHeads.add(repository.getKey() + "="
                        + GitCli.run(filterRepo(source, repository.getKey()), "rev-parse", "main")
                                .trim());
            }
            settings.put("prefixTags", "true");
            String migration = "it-" + UUID.randomUUID();
            PhaseStarted phase =
                    Phases.onSource(PhaseAction.MERGE, "into-platform", migration, platform(git), settings);

            Map<String, String> outputs;
            try (var context = boot()) {
                outputs = mergeOutputs(context, phase, migration, 1);
            }

            assertThat(outputs.get("rewrittenHeads"))
                    .as("each history rewritten as filter-repo rewrites it, SHA for SHA")
                    .isEqualTo(String.join(",", expectedHeads));
            assertThat(outputs)
                    .containsEntry(
                            "mergeCommit",
                            GitCli.run(monorepo, "rev-parse", "main").trim());
            assertThat(GitCli.lines(monorepo, "log", "--first-parent", "--reverse", "--format=%P", before + "..main"))
                    .as("one merge commit per repository, in the listed order")
                    .extracting(parents -> parents.split(" ")[1])
                    .containsExactlyElementsOf(expectedHeads.stream()
                            .map(head -> head.substring(head.indexOf('=') + 1))
                            .toList());
            Path orders = dir.resolve("filtered-services_orders");
            assertThat(GitCli.run(monorepo, "rev-parse", "services/orders/v1"))
                    .as("the annotated tag, named services/orders/v1 inside too, is filter-repo's object")
                    .isEqualTo(GitCli.run(orders, "rev-parse", "services/orders/v1"));
            assertThat(outputs).containsEntry("tagsCarried", "1");

            String merged = GitCli.run(monorepo, "rev-list", "--all");
            try (var context = boot()) {
                Map<String, String> again = mergeOutputs(context, phase, migration, 2);
                assertThat(again.get("mergeCommit")).isEqualTo(outputs.get("mergeCommit"));
                assertThat(again.get("rewrittenHeads")).isEqualTo(outputs.get("rewrittenHeads"));
            }
            assertThat(GitCli.run(monorepo, "rev-list", "--all"))
                    .as("the redelivered phase merged nothing again")
                    .isEqualTo(merged);
        }
    }

    private Path generate(long seed) throws Exception {
        Path source = dir.resolve("repo-" + seed + ".git");
        RandomMonorepo.generate(source, new Random(seed), 40);
        if (seed == REPOSITORIES.get("services/orders")) {
            GitCli.run(source, "tag", "-a", "-m", "release 1", "v1", "main~3");
        }
        return source;
    }

    private Path filterRepo(Path source, String directory) throws Exception {
        return FilterRepo.toSubdirectory(source, "main", directory, "filtered-" + directory.replace('/', '_'), dir)
                .repository();
    }

    /** The monorepo as the phase's one service names it, read and pushed with the {@code git} credential. */
    private static List<ServiceWork> platform(SmartHttpGitServer git) {
        ServiceWork work = Phases.service("platform", git.url("acme/platform"), "", Phases.target("unused"));
        work.setParameters(Map.of(RepoPhaseHandler.SOURCE_CREDENTIAL, "git"));
        return List.of(work);
    }

    private ConfigurableApplicationContext boot() {
        return ServiceBoot.start(
                RepoApplication.class,
                "--ferry.repo.data-directory=" + dir.resolve("data"),
                "--ferry.credentials.git=" + TOKEN);
    }

    /** Publishes the phase and returns the outputs of the last of the {@code results} step.succeeded seen so far. */
    private static Map<String, String> mergeOutputs(
            ConfigurableApplicationContext context, PhaseStarted phase, String migration, int results)
            throws Exception {
        context.getBean(EventPublisher.class).publish(phase).get();
        List<StepSucceeded> succeeded =
                Results.succeeded(Results.await(migration, results, Topics.STEP_SUCCEEDED, Topics.STEP_FAILED));
        return Results.outputs(succeeded, "platform");
    }
}
