package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.demo.embedded.EmbeddedBroker;
import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.demo.github.GithubActionsPlayer;
import dev.ferry.demo.sample.SampleMonorepo;
import dev.ferry.demo.sample.SampleService;
import dev.ferry.repo.github.GithubStandIn;
import dev.ferry.repo.github.Libsodium;
import dev.ferry.testsupport.OciTestRegistry;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Seed 000's plan, {@code examples/fitsync-multi-repo.yaml}, run as a new user runs it against GitHub, through its
 * split, configure, scaffold and build phases: Ferry's five services embedded on a real broker; the FitSync mono-repo
 * and the seven service repositories on a real git server over smart HTTP; GitHub's REST API as the stateful stand-in;
 * images in a real registry. The plan's only edits are where things are (hosts and ports).
 *
 * <p>The test plays only what GitHub Actions would do: for each repository, once the build phase waits, it reads the
 * {@code ci.yml} Ferry committed, pushes the image that workflow names with the tag it names, and GitHub delivers
 * {@code workflow_run} to the webhook Ferry registered, at its URL and signed with its secret. The same plan run a
 * second time commits nothing, changes no setting, and its build is the image CI pushed the first time.
 */
@ExtendWith(OutputCaptureExtension.class)
class FitSyncOnGithubIT {

    private static final String ORG = "FitSync-G13";
    private static final String TOKEN = "ghp_fitsync-e2e-token-7d1a";
    private static final String ACCOUNT_ID = "210987654321";
    private static final String GITOPS_PAT = "ghp_gitops-e2e-3c9f";
    private static final String HOOK_SECRET = "hook-e2e-secret-51b0";
    private static final String ECR_PASSWORD = "ecr-e2e-password-0b7e";
    private static final List<String> SECRETS = List.of(TOKEN, ACCOUNT_ID, GITOPS_PAT, HOOK_SECRET, ECR_PASSWORD);
    private static final List<String> SERVICES =
            SampleService.FITSYNC.stream().map(SampleService::name).toList();
    /** The shared libraries of seed 000, each split from several directories of the mono-repo. */
    private static final List<String> LIBRARIES = List.of("common", "common-py");

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path data;

    private final Libsodium.KeyPair keys = Libsodium.generate();
    /** The digest of the image each service's CI pushed. */
    private final Map<String, String> ciDigests = new HashMap<>();

    @Test
    void eachRepositoryIsConfiguredScaffoldedOnceAndBuiltByItsOwnCi(CapturedOutput output) throws Exception {
        OciTestRegistry registry = OciTestRegistry.shared();
        try (var git = SmartHttpGitServer.start("x-access-token", TOKEN);
                var github = GithubStandIn.start(keys);
                var broker = EmbeddedBroker.start()) {
            String gitHost = "127.0.0.1:" + git.port();
            SampleMonorepo.fitSync().setCommits(40).setBare(true).generateInto(git.directory(ORG + "/fitsync"));
            for (String service :
                    Stream.concat(SERVICES.stream(), LIBRARIES.stream()).toList()) {
                // gh repo create, as seed 000's "Day 1-2" and "Day 5" do before the splits.
                git.createRepository(ORG + "/" + repositoryName(service));
                github.repository(ORG, repositoryName(service));
            }
            try (var services = new EmbeddedServices(settings(broker, registry, github, gitHost))) {
                services.startAll();
                String webhook = "http://127.0.0.1:" + services.port(FerryService.PLANNER) + "/webhooks/github";
                String plan = plan(gitHost, registry.host(), webhook);
                var ci = new GithubActionsPlayer(github);

                var runs = new PlanRuns(
                        broker.bootstrapServers(),
                        "http://127.0.0.1:" + services.port(FerryService.PLANNER) + "/migrations/",
                        RUN_TIMEOUT);
                // The libraries are split first; the libraries-adopted gate is the people's part before the services'
                // split; the platform-ready gate, which the deploys wait for, is not approved: both runs end with the
                // build.
                PlanRuns.Run first = runs.run(
                        plan,
                        "fitsync-multi-repo",
                        Set.of("libraries-adopted"),
                        "build",
                        SERVICES.size(),
                        started -> playCi(started, git, ci, registry));
                Map<String, RevCommit> heads = new HashMap<>();
                for (String service : SERVICES) {
                    heads.put(service, head(git, service));
                }
                assertFirstRun(first, heads, git, github, registry, webhook);

                int pushes = git.pushesReceived();
                github.server().resetRequests();
                PlanRuns.Run second = runs.run(
                        plan,
                        "fitsync-multi-repo",
                        Set.of("libraries-adopted"),
                        "build",
                        SERVICES.size(),
                        started -> {});
                for (String service : SERVICES) {
                    assertThat(head(git, service)).as(service).isEqualTo(heads.get(service));
                    assertThat(second.outputs("scaffold", service))
                            .as("%s: the files are there, so nothing is committed", service)
                            .doesNotContainKey("scaffoldCommit")
                            .contains(
                                    entry("headCommit", heads.get(service).name()),
                                    entry("filesWritten", ""),
                                    entry("filesLeft", "README.md,.dockerignore"));
                    assertThat(second.outputs("configure", service))
                            .as("%s: every setting already as the plan says", service)
                            .contains(
                                    entry("settingsChanged", ""), entry("secretsWritten", "AWS_ACCOUNT_ID,GITOPS_PAT"));
                    assertThat(github.repository(ORG, repositoryName(service)).hooks())
                            .hasSize(1);
                    assertThat(second.of(ImagePushed.class))
                            .filteredOn(image -> image.getService().equals(service))
                            .singleElement()
                            .as(
                                    "%s: no push, so no workflow run; the image CI pushed the first time is the build",
                                    service)
                            .satisfies(image -> assertThat(image.getDigest()).isEqualTo(ciDigests.get(service)));
                }
                assertThat(git.pushesReceived())
                        .as("no push at all the second time")
                        .isEqualTo(pushes);
                assertThat(github.server().getAllServeEvents())
                        .extracting(event -> event.getRequest().getMethod().getName())
                        .as("GitHub is read, and only the secrets are written again")
                        .containsOnly("GET", "PUT");

                NoSecrets.assertNoneIn(SECRETS, output.getAll(), first, second);
            }
        }
    }

    private void assertFirstRun(
            PlanRuns.Run run,
            Map<String, RevCommit> heads,
            SmartHttpGitServer git,
            GithubStandIn github,
            OciTestRegistry registry,
            String webhook)
            throws Exception {
        Map<String, String> splitCommits = new HashMap<>();
        run.of(RepoSplit.class).forEach(split -> splitCommits.put(split.getService(), split.getTargetCommit()));
        assertThat(splitCommits)
                .containsOnlyKeys(
                        Stream.concat(SERVICES.stream(), LIBRARIES.stream()).toList());
        // Seed 000's package layouts, each from two directories of the mono-repo, with their history.
        RevCommit common = head(git, "common");
        assertThat(common.name()).isEqualTo(splitCommits.get("common"));
        assertThat(file(git, "common", common, "src/middleware/auth.js")).contains("JWT verification");
        assertThat(file(git, "common", common, "src/config/logger.js")).contains("Winston");
        RevCommit python = head(git, "common-py");
        assertThat(file(git, "common-py", python, "fitsync_common/http_client.py"))
                .contains("def validate_user");
        assertThat(file(git, "common-py", python, "fitsync_common/event_publisher.py"))
                .contains("def publish");
        for (String service : SERVICES) {
            RevCommit head = heads.get(service);
            assertThat(head.getParentCount()).isEqualTo(1);
            assertThat(head.getParent(0).name())
                    .as("%s: one scaffold commit on the split", service)
                    .isEqualTo(splitCommits.get(service));
            assertThat(head.getFullMessage()).contains("plan fitsync-multi-repo", "migration " + run.migration());
            String ciImage = registry.host() + "/fitsync-ecr:" + service + "-${{ github.sha }}";
            assertThat(file(git, service, head, ".github/workflows/ci.yml"))
                    .contains("docker build -t " + ciImage + " .", "docker push " + ciImage)
                    .contains("role-to-assume: arn:aws:iam::${{ secrets.AWS_ACCOUNT_ID }}:role/github-actions-role");
            assertThat(file(git, service, head, "CODEOWNERS")).isEqualTo("* @FitSync-G13/maintainers\n");
            // The mono-repo's services already have a README and a .dockerignore, which people wrote: the scaffold
            // leaves them as they are and says so.
            ObjectId split = head.getParent(0).getId();
            for (String theirs : List.of("README.md", ".dockerignore")) {
                assertThat(file(git, service, head, theirs))
                        .as("%s: %s as the mono-repo had it", service, theirs)
                        .isNotNull()
                        .isEqualTo(file(git, service, split, theirs));
            }
            assertThat(run.outputs("scaffold", service))
                    .contains(
                            entry("scaffoldCommit", head.name()),
                            entry("headCommit", head.name()),
                            entry("filesWritten", ".github/workflows/ci.yml,CODEOWNERS"),
                            entry("filesLeft", "README.md,.dockerignore"));

            GithubStandIn.Repository settings = github.repository(ORG, repositoryName(service));
            assertThat(Libsodium.open(settings.secrets.get("AWS_ACCOUNT_ID"), keys))
                    .isEqualTo(ACCOUNT_ID);
            assertThat(Libsodium.open(settings.secrets.get("GITOPS_PAT"), keys)).isEqualTo(GITOPS_PAT);
            ObjectNode protection = settings.protection("main").orElseThrow();
            assertThat(protection
                            .path("required_status_checks")
                            .path("contexts")
                            .get(0)
                            .asText())
                    .isEqualTo("build");
            assertThat(protection
                            .path("required_pull_request_reviews")
                            .path("required_approving_review_count")
                            .asInt())
                    .isEqualTo(1);
            assertThat(protection.path("allow_force_pushes").path("enabled").asBoolean())
                    .isFalse();
            assertThat(settings.description()).isEqualTo("FitSync " + service + ", split from the FitSync mono-repo");
            assertThat(settings.topics()).containsExactly("fitsync", "microservice");
            assertThat(settings.hooks()).singleElement().satisfies(hook -> {
                assertThat(hook.path("config").path("url").asText()).isEqualTo(webhook);
                assertThat(hook.path("events").toString()).contains("\"push\"", "\"workflow_run\"");
            });
            assertThat(settings.hookSecrets.values()).containsExactly(HOOK_SECRET);

            ImagePushed pushed = run.of(ImagePushed.class).stream()
                    .filter(image -> image.getService().equals(service))
                    .findFirst()
                    .orElseThrow();
            String tag = service + "-" + head.name();
            assertThat(pushed.getTags())
                    .as("%s: the tag ci.yml pushes for the scaffold commit", service)
                    .contains(tag);
            assertThat(pushed.getImageReference())
                    .isEqualTo(registry.host() + "/fitsync-ecr@" + ciDigests.get(service));
        }
    }

    /**
     * GitHub Actions' part, when the build phase starts for some services (each as soon as its scaffold is done): the
     * ci.yml of each one's repository runs on its head.
     */
    private void playCi(
            PhaseStarted started, SmartHttpGitServer git, GithubActionsPlayer ci, OciTestRegistry registry) {
        if (started.getAction() != PhaseAction.BUILD) {
            return;
        }
        for (ServiceWork work : started.getServices()) {
            String service = work.getService();
            try {
                RevCommit head = head(git, service);
                String workflow = file(git, service, head, ".github/workflows/ci.yml");
                if (workflow == null) {
                    fail("%s has no .github/workflows/ci.yml at %s: GitHub Actions would run nothing", service, head);
                }
                String digest = ci.pushImage(
                        registry.host() + "/fitsync-ecr:" + service + "-" + head.name(), service + "@" + head.name());
                ciDigests.put(service, digest);
                assertThat(ci.deliverWorkflowRun(
                                ORG, repositoryName(service), ".github/workflows/ci.yml", head.name(), "success"))
                        .as("%s: webhooks that heard of the run", service)
                        .isEqualTo(1);
            } catch (Exception e) {
                throw new AssertionError("GitHub Actions for " + service + " failed: " + e, e);
            }
        }
    }

    /** The example plan, pointed at this test's git server, registry and planner; nothing else changed. */
    private static String plan(String gitHost, String registryHost, String webhook) throws Exception {
        String example = Files.readString(Path.of("../examples/fitsync-multi-repo.yaml"));
        String plan = example.replace("https://github.com/" + ORG + "/", "http://" + gitHost + "/" + ORG + "/")
                .replace("123456789012.dkr.ecr.us-east-2.amazonaws.com", registryHost)
                .replace("https://ferry.fitsync.online/webhooks/github", webhook);
        String values =
                plan.lines().filter(line -> !line.strip().startsWith("#")).collect(Collectors.joining("\n"));
        assertThat(values).doesNotContain("github.com/" + ORG, "amazonaws.com", "ferry.fitsync.online");
        return plan;
    }

    private Map<FerryService, Map<String, Object>> settings(
            EmbeddedBroker broker, OciTestRegistry registry, GithubStandIn github, String gitHost) {
        Map<FerryService, Map<String, Object>> settings = ItSettings.under(data, broker, registry.host());
        // The credentials the plan names, by name; the plan holds none of them.
        settings.get(FerryService.REPO)
                .putAll(Map.of(
                        "ferry.repo.github-api", github.baseUrl(),
                        "ferry.repo.github-hosts", gitHost,
                        "ferry.credentials.github-token", TOKEN,
                        "ferry.credentials.aws-account-id", ACCOUNT_ID,
                        "ferry.credentials.gitops-token", GITOPS_PAT,
                        "ferry.credentials.ferry-webhook", HOOK_SECRET));
        settings.get(FerryService.BUILD)
                .putAll(Map.of(
                        "ferry.build.github-actions.hosts", gitHost,
                        "ferry.build.credentials.aws-ecr.username", "AWS",
                        "ferry.build.credentials.aws-ecr.password", ECR_PASSWORD));
        settings.get(FerryService.PLANNER).put("ferry.planner.github.webhook-secret", HOOK_SECRET);
        return settings;
    }

    private static String repositoryName(String service) {
        return "fitsync-" + service;
    }

    private static RevCommit head(SmartHttpGitServer git, String service) throws Exception {
        try (Repository repository = git.open(ORG + "/" + repositoryName(service));
                var walk = new RevWalk(repository)) {
            return walk.parseCommit(repository.resolve("refs/heads/main"));
        }
    }

    private static String file(SmartHttpGitServer git, String service, ObjectId commit, String path) throws Exception {
        try (Repository repository = git.open(ORG + "/" + repositoryName(service));
                var walk = new RevWalk(repository);
                var tree = TreeWalk.forPath(
                        repository, path, walk.parseCommit(commit).getTree())) {
            return tree == null
                    ? null
                    : new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
