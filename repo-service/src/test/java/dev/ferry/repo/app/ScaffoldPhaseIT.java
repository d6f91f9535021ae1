package dev.ferry.repo.app;

import static dev.ferry.repo.app.Results.outputs;
import static dev.ferry.repo.app.Results.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.repo.RepoApplication;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.ServiceBoot;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * repo-service as deployed, on a real Kafka broker, scaffolding two split repositories served over smart HTTP behind
 * basic auth: one commit per service with the files from the templates (one written in the plan, one read from the
 * monorepo), nothing more when the phase comes again, a file a person changed left alone and reported until the plan
 * says overwrite; every file of a template repository's directory; and a template missing from the monorepo, or naming
 * a placeholder without a value, failing the step with its name.
 */
class ScaffoldPhaseIT {

    private static final String TOKEN = "ghp_scaffold-token";
    private static final String README = "# {service}\n\nImage: {registry}/{image-repository}:{service}-latest\n"
            + "Built by ${{ github.workflow }} on port {port}.\n";

    @TempDir
    Path dir;

    private SmartHttpGitServer git;
    private Path monorepo;
    private final Map<String, ObjectId> splitHeads = new HashMap<>();

    @BeforeEach
    void repositories() throws Exception {
        git = SmartHttpGitServer.start("x-access-token", TOKEN);
        monorepo = dir.resolve("monorepo.git");
        try (Repository source = BareCommits.initBare(monorepo)) {
            BareCommits.commit(
                    source,
                    Map.of(
                            "templates/CODEOWNERS", "* @acme/{team}\n",
                            "templates/Makefile", "image:\n\tdocker build -t {service}:{tag} .\n",
                            "svc/a/main.js", "a",
                            "svc/b/main.js", "b"),
                    "monorepo");
        }
        for (String service : List.of("a", "b")) {
            git.createRepository(service);
            try (Repository target = git.open(service)) {
                splitHeads.put(service, BareCommits.commit(target, Map.of("main.js", service), "split of " + service));
            }
        }
    }

    @AfterEach
    void stop() {
        git.close();
    }

    @Test
    void scaffoldsOnceLeavesWhatAPersonChangedAndOverwritesWhenThePlanSaysSo() throws Exception {
        try (var context = boot()) {
            String first = "it-" + UUID.randomUUID();
            PhaseStarted phase = scaffold(first, README, false);
            List<StepSucceeded> done = succeeded(publish(context, phase, first, 2));
            for (String service : List.of("a", "b")) {
                RevCommit head = head(service);
                assertThat(head.getParentCount()).isEqualTo(1);
                assertThat(head.getParent(0).getId())
                        .as("one commit on the split")
                        .isEqualTo(splitHeads.get(service));
                assertThat(head.getFullMessage()).contains("plan fitsync", "migration " + first);
                assertThat(file(service, "README.md"))
                        .isEqualTo("# " + service + "\n\nImage: registry.example.com/acme:" + service + "-latest\n"
                                + "Built by ${{ github.workflow }} on port 8080.\n");
                assertThat(file(service, "CODEOWNERS")).isEqualTo("* @acme/payments\n");
                assertThat(outputs(done, service))
                        .containsOnly(
                                entry("scaffoldCommit", head.name()),
                                entry("headCommit", head.name()),
                                entry("filesWritten", "README.md,CODEOWNERS"),
                                entry("filesLeft", ""));
            }

            RevCommit before = head("a");
            List<StepSucceeded> again = succeeded(publish(context, phase, first, 4));
            assertThat(head("a")).as("the same phase again commits nothing").isEqualTo(before);
            assertThat(outputs(again, "a"))
                    .as("and reports the commit it made the first time")
                    .containsOnly(
                            entry("scaffoldCommit", before.name()),
                            entry("headCommit", before.name()),
                            entry("filesWritten", ""),
                            entry("filesLeft", ""));

            try (Repository a = git.open("a")) {
                BareCommits.commit(a, Map.of("README.md", "# a, by hand\n"), "a person's README");
            }
            RevCommit edited = head("a");
            String second = "it-" + UUID.randomUUID();
            List<StepSucceeded> changed =
                    succeeded(publish(context, scaffold(second, README + "Owned by {team}.\n", false), second, 2));
            assertThat(head("a")).isEqualTo(edited);
            assertThat(file("a", "README.md")).isEqualTo("# a, by hand\n");
            assertThat(outputs(changed, "a"))
                    .as("a person's commit is the head the next build builds")
                    .containsOnly(
                            entry("headCommit", edited.name()),
                            entry("filesWritten", ""),
                            entry("filesLeft", "README.md"));
            assertThat(file("b", "README.md"))
                    .as("unchanged since Ferry wrote it")
                    .endsWith("Owned by payments.\n");
            assertThat(outputs(changed, "b")).containsEntry("filesWritten", "README.md");

            String third = "it-" + UUID.randomUUID();
            List<StepSucceeded> overwritten =
                    succeeded(publish(context, scaffold(third, README + "Owned by {team}.\n", true), third, 2));
            assertThat(file("a", "README.md")).endsWith("Owned by payments.\n");
            assertThat(head("a").getParent(0).getId()).isEqualTo(edited);
            assertThat(outputs(overwritten, "a"))
                    .containsEntry("filesWritten", "README.md")
                    .containsEntry("filesLeft", "");
            assertThat(outputs(overwritten, "b")).doesNotContainKey("scaffoldCommit");
        }
    }

    @Test
    void writesEveryFileOfATemplateRepositorysDirectory() throws Exception {
        git.createRepository("templates");
        try (Repository templates = git.open("templates")) {
            BareCommits.commit(
                    templates,
                    Map.of(
                            "node/.github/workflows/ci.yml", "name: build {service}\n",
                            "node/.dockerignore", "node_modules\n",
                            "python/.dockerignore", "__pycache__\n"),
                    "templates");
        }
        try (var context = boot()) {
            String migration = "it-" + UUID.randomUUID();
            var settings = Map.of(
                    "files.1.repository", git.url("templates"),
                    "files.1.directory", "node",
                    "files.1.credentialRef", "git");
            List<StepSucceeded> done =
                    succeeded(publish(context, Phases.scaffold(migration, services(), settings), migration, 2));

            assertThat(file("b", ".github/workflows/ci.yml")).isEqualTo("name: build b\n");
            assertThat(file("b", ".dockerignore")).isEqualTo("node_modules\n");
            assertThat(outputs(done, "b")).containsEntry("filesWritten", ".dockerignore,.github/workflows/ci.yml");
        }
    }

    @Test
    void failsTheStepNamingATemplateTheMonorepoLacksOrCannotFill() throws Exception {
        try (var context = boot()) {
            String migration = "it-" + UUID.randomUUID();
            var settings = Map.of("files.1.path", "ci.yml", "files.1.from", "templates/ci.yml");
            var results = publish(context, Phases.scaffold(migration, services(), settings), migration, 2);

            assertThat(results).allSatisfy(result -> {
                StepFailed failed = (StepFailed) result;
                assertThat(failed.getAction()).isEqualTo(PhaseAction.SCAFFOLD);
                assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.NOT_FOUND);
                assertThat(failed.getRetryable()).isFalse();
                assertThat(failed.getReason()).contains("templates/ci.yml", "ci.yml");
            });
            assertThat(head("a").getId()).isEqualTo(splitHeads.get("a"));

            String unfilled = "it-" + UUID.randomUUID();
            var makefile = Map.of("files.1.path", "Makefile", "files.1.from", "templates/Makefile");
            StepFailed refused =
                    (StepFailed) publish(context, Phases.scaffold(unfilled, services(), makefile), unfilled, 2)
                            .getFirst();
            assertThat(refused.getErrorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(refused.getReason())
                    .startsWith("template templates/Makefile has an unknown placeholder {tag} on line 2 for service");
            assertThat(head("a").getId()).isEqualTo(splitHeads.get("a"));
        }
    }

    private ConfigurableApplicationContext boot() {
        return ServiceBoot.start(
                RepoApplication.class,
                "--ferry.repo.data-directory=" + dir.resolve("data"),
                "--ferry.credentials.git=" + TOKEN);
    }

    private List<SpecificRecord> publish(
            ConfigurableApplicationContext context, PhaseStarted phase, String migration, int results)
            throws Exception {
        context.getBean(EventPublisher.class).publish(phase).get();
        return Results.await(migration, results, Topics.STEP_SUCCEEDED, Topics.STEP_FAILED);
    }

    private PhaseStarted scaffold(String migration, String readme, boolean overwrite) {
        var settings = new HashMap<String, String>();
        settings.put("files.1.path", "README.md");
        settings.put("files.1.content", readme);
        settings.put("files.2.path", "CODEOWNERS");
        settings.put("files.2.from", "templates/CODEOWNERS");
        if (overwrite) {
            settings.put("overwrite", "true");
        }
        return Phases.scaffold(migration, services(), settings);
    }

    private List<ServiceWork> services() {
        return List.of(service("a"), service("b"));
    }

    private ServiceWork service(String name) {
        ServiceWork work = Phases.service(name, monorepo.toString(), "svc/" + name, target(name));
        work.setImage(ImageSpec.newBuilder()
                .setRegistry("registry.example.com")
                .setRepository("acme")
                .setTagTemplate("{service}-{sha}")
                .build());
        work.setParameters(Map.of("team", "payments", "port", "8080"));
        return work;
    }

    private TargetRepository target(String name) {
        return TargetRepository.newBuilder()
                .setRepository(git.url(name))
                .setCredentialRef("git")
                .build();
    }

    private RevCommit head(String service) throws Exception {
        try (Repository repository = git.open(service)) {
            return BareCommits.head(repository);
        }
    }

    private String file(String service, String path) throws Exception {
        try (Repository repository = git.open(service)) {
            return BareCommits.file(repository, path);
        }
    }
}
