package dev.ferry.deploy.traffic.kafka;

import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.fileAtHead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.DeployMode;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.GitOpsLayout;
import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.deploy.DeployApplication;
import dev.ferry.deploy.domain.manifest.RouteWeights;
import dev.ferry.deploy.domain.manifest.TrafficRoute;
import dev.ferry.deploy.jgit.GitOpsRepositoryFixture;
import dev.ferry.deploy.kafka.ResultConsumers;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.ShiftTraffic;
import dev.ferry.plan.yaml.PlanReader;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.PrometheusTestServer;
import dev.ferry.testsupport.ServiceBoot;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Seed 002's auth cutover run by deploy-service as it runs: the {@code auth-cutover} phase of
 * {@code examples/chat-auth-gradual.yaml}, read by the plan module and sent as the {@code phase.started} the planner
 * publishes for it (with the GitOps repository on this test's git server), on a real Kafka broker, writing weights to
 * a real git server and asking a real Prometheus, which scrapes a stand-in of auth-service whose error ratio the test
 * sets. The plan's 48 h and 24 h pauses are cut to seconds by {@code ferry.deploy.traffic.longest-pause}.
 *
 * <p>The tests share one Prometheus and one stand-in, whose counters only grow: the shift that raises the error ratio
 * runs last, since its errors stay in the query's one-minute window and would fail a healthy shift after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShiftTrafficIT {

    private static final String USER = "ferry-bot";
    private static final String TOKEN = "ghp_secret-token-that-must-not-leak";
    private static final String ROUTE_FILE = "gateway/auth-route.yaml";
    private static final TrafficRoute ROUTE = new TrafficRoute(TrafficRoute.Kind.GATEWAY_API, "auth", "auth-service");
    private static final String ROUTE_TEXT = """
            # /auth moves from the monolith to auth-service (seed 002, phase 4); weights set by Ferry.
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: auth
              namespace: chat
            spec:
              parentRefs:
                - name: kong   # the API gateway of phase 2
              rules:
                - matches:
                    - path: {type: PathPrefix, value: /auth}
                  backendRefs:
                    - name: monolith
                      port: 8000
                      weight: 100
                    - name: auth-service
                      port: 8001
                      weight: 0
            """;
    private static final Pattern ROLLBACK_TIME = Pattern.compile("rollback time (\\d+) ms");
    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());

    @TempDir
    static Path work;

    static SmartHttpGitServer git;
    static AuthTrafficApp auth;
    static PrometheusTestServer prometheus;
    static ConfigurableApplicationContext app;
    static Results results;
    static PhaseDefinition cutover;

    @BeforeAll
    static void start() {
        MigrationPlan plan = PlanReader.read(Path.of("../examples/chat-auth-gradual.yaml"));
        cutover = plan.phase("auth-cutover").orElseThrow();
        assertThat(cutover.action()).isEqualTo(Actions.SHIFT_TRAFFIC);
        git = SmartHttpGitServer.start(USER, TOKEN);
        auth = new AuthTrafficApp();
        prometheus = PrometheusTestServer.start(auth.target(), Duration.ofSeconds(1));
        app = boot();
        results = new Results();
        String query = ShiftTraffic.queries(cutover.settings()).get("errorRatio");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> prometheus.query(query).contains("\"value\""));
    }

    @AfterAll
    static void stop() {
        results.close();
        app.close();
        prometheus.close();
        auth.close();
        git.close();
    }

    static ConfigurableApplicationContext boot() {
        return ServiceBoot.start(
                DeployApplication.class,
                "--ferry.deploy.workspace-dir=" + work.resolve("workspaces"),
                "--ferry.deploy.credentials.gitops.username=" + USER,
                "--ferry.deploy.credentials.gitops.token=" + TOKEN,
                "--ferry.deploy.traffic.prometheus-url=" + prometheus.url(),
                "--ferry.deploy.traffic.state-directory=" + work.resolve("traffic"),
                "--ferry.deploy.traffic.longest-pause=8s",
                "--ferry.deploy.traffic.longest-interval=1s");
    }

    @Test
    @Order(1)
    void aHealthyShiftCommitsEveryWeightInOrderAndRecordsEveryEvaluation() throws Exception {
        String repo = routeRepository("healthy");
        auth.errorRatio(weight -> 0.001);
        PhaseStarted phase = cutoverPhase(repo);

        publish(phase);
        publish(phase);
        StepSucceeded succeeded = results.succeeded(phase, Duration.ofMinutes(3));

        assertThat(weightsCommitted("healthy")).as("the duplicate ran nothing").containsExactly(10, 25, 50, 100);
        assertThat(results.all(phase)).as("answered once").hasSize(1);
        try (Repository bare = git.open("healthy")) {
            assertThat(fileAtHead(bare, ROUTE_FILE))
                    .as("only the two numbers changed")
                    .isEqualTo(ROUTE_TEXT
                            .replace("weight: 100", "weight: x")
                            .replace("weight: 0", "weight: 100")
                            .replace("weight: x", "weight: 0"));
        }
        Map<String, String> outputs = succeeded.getOutputs();
        assertThat(outputs).containsEntry(ShiftTraffic.WEIGHT, "100");
        assertThat(outputs.get(ShiftTraffic.WEIGHT_COMMITS)).matches("10%=\\w+ 25%=\\w+ 50%=\\w+ 100%=\\w+");
        List<String> evaluations = List.of(outputs.get(ShiftTraffic.EVALUATIONS).split("\n"));
        assertThat(evaluations).allMatch(line -> line.matches("\\S+Z \\d+% errorRatio=\\S+ pass"));
        for (String weight : List.of("10%", "25%", "50%", "100%")) {
            assertThat(evaluations).as("evaluated at " + weight).anyMatch(line -> line.contains(" " + weight + " "));
        }
        assertThat(evaluations.stream().filter(line -> line.contains(" 10% ")).count())
                .as("one evaluation a second through the 8 s pause")
                .isGreaterThanOrEqualTo(8);
        assertThat(results.linesOf(phase))
                .as("ferry status shows them as they come")
                .containsAll(evaluations);
    }

    @Test
    @Order(3)
    void aRollbackCommandSetsZeroAtOnceAndStopsTheShiftRunningOnTheRoute() throws Exception {
        String repo = routeRepository("rolled-back");
        auth.errorRatio(weight -> 0.001);
        PhaseStarted phase = cutoverPhase(repo);
        publish(phase);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> weightsCommitted("rolled-back").contains(10));

        // What the planner sends for `ferry rollback ID --service auth-service --environment production`.
        PhaseStarted undo = cutoverPhase(repo);
        undo.setMetadata(planner.first(phase.getMetadata().getMigrationId()));
        undo.setPhase("rollback-production");
        undo.getSettings().put(ShiftTraffic.UNDO, "true");
        publish(undo);

        StepSucceeded undone = results.succeeded(undo, Duration.ofMinutes(1));
        StepFailed stopped = results.failed(phase, Duration.ofMinutes(1));

        assertThat(undone.getOutputs()).containsEntry(ShiftTraffic.WEIGHT, "0");
        assertThat(undone.getOutputs().get(ShiftTraffic.WEIGHT_COMMITS)).startsWith("0%=");
        assertThat(stopped.getReason()).startsWith("stopped by a rollback command at ");
        assertThat(stopped.getRetryable()).isFalse();
        List<Integer> weights = weightsCommitted("rolled-back");
        assertThat(weights).startsWith(10).endsWith(0).containsOnlyOnce(0);
        try (Repository bare = git.open("rolled-back")) {
            assertThat(RouteWeights.read(ROUTE_FILE, fileAtHead(bare, ROUTE_FILE), ROUTE))
                    .isZero();
        }
        Thread.sleep(2000);
        assertThat(weightsCommitted("rolled-back"))
                .as("the stopped shift raises nothing afterwards")
                .isEqualTo(weights);
    }

    @Test
    @Order(4)
    void anErrorRatioRaisedAt25PercentSetsZeroAtOnceAndFailsWithTheQuerysValues() throws Exception {
        String repo = routeRepository("failing");
        auth.errorRatio(weight -> weight >= 25 ? 0.5 : 0.001);
        PhaseStarted phase = cutoverPhase(repo);

        publish(phase);
        StepFailed failed = results.failed(phase, Duration.ofMinutes(3));

        assertThat(weightsCommitted("failing")).containsExactly(10, 25, 0);
        try (Repository bare = git.open("failing")) {
            assertThat(RouteWeights.read(ROUTE_FILE, fileAtHead(bare, ROUTE_FILE), ROUTE))
                    .isZero();
        }
        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(failed.getRetryable()).isFalse();
        String query = ShiftTraffic.queries(cutover.settings()).get("errorRatio");
        assertThat(failed.getReason())
                .startsWith("analysis failed at 25% after 3 failed evaluation(s) in a row: ")
                .contains("25% errorRatio=", " fail (condition < 0.01) [query " + query + ", condition < 0.01]")
                .contains("Traffic set back to 0% in commit ");
        Matcher rollback = ROLLBACK_TIME.matcher(failed.getReason());
        assertThat(rollback.find()).as("the rollback time is reported").isTrue();
        assertThat(failed.getRollbackMillis())
                .as("and given to the planner as a number")
                .isEqualTo(Long.parseLong(rollback.group(1)));
        System.out.println("BENCH shift-traffic rollbackMillis=" + rollback.group(1)
                + " (failed evaluation to pushed 0% commit, git over smart HTTP on localhost)");
        assertThat(results.linesOf(phase)).anyMatch(line -> line.startsWith("Traffic set back to 0% in commit"));
    }

    @Test
    @Order(2)
    void aRestartInTheMiddleResumesAtTheWeightItWasAtWithoutCommittingItAgain() throws Exception {
        String repo = routeRepository("restart");
        auth.errorRatio(weight -> 0.001);
        PhaseStarted phase = cutoverPhase(repo);
        publish(phase);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> weightsCommitted("restart").contains(25));

        app.close();
        app = boot();
        StepSucceeded succeeded = results.succeeded(phase, Duration.ofMinutes(3));

        assertThat(weightsCommitted("restart")).containsExactly(10, 25, 50, 100);
        assertThat(succeeded.getOutputs().get(ShiftTraffic.EVALUATIONS)).contains(" 10% ", " 25% ", " 100% ");
        assertThat(results.all(phase)).as("answered once").hasSize(1);
    }

    @Test
    @Order(3)
    void aRouteFileWithoutTheRouteFailsTheStepNamingFileAndRoute() throws Exception {
        String repo = routeRepository("no-route");
        PhaseStarted phase = cutoverPhase(repo);
        phase.getSettings().put(ShiftTraffic.ROUTE, "login");

        publish(phase);
        StepFailed failed = results.failed(phase, Duration.ofMinutes(1));

        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(failed.getReason())
                .isEqualTo(ROUTE_FILE + " has no HTTPRoute named 'login' (found: HTTPRoute auth); check the phase's"
                        + " route, routeKind and routeFile");
        assertThat(weightsCommitted("no-route")).isEmpty();
    }

    private static String routeRepository(String name) throws Exception {
        String url = git.createRepository(name);
        GitOpsRepositoryFixture.seed(
                url,
                work.resolve("seed-" + name),
                new UsernamePasswordCredentialsProvider(USER, TOKEN),
                Map.of(ROUTE_FILE, ROUTE_TEXT));
        auth.weightFrom(() -> {
            try (Repository bare = git.open(name)) {
                return RouteWeights.read(ROUTE_FILE, fileAtHead(bare, ROUTE_FILE), ROUTE);
            } catch (Exception e) {
                return 0;
            }
        });
        return url;
    }

    /** The weight each of Ferry's commits wrote, oldest first, from their Ferry-Weight trailers. */
    private static List<Integer> weightsCommitted(String name) throws Exception {
        var weights = new ArrayList<Integer>();
        try (Repository bare = git.open(name);
                Git repo = new Git(bare)) {
            for (RevCommit commit : repo.log().call()) {
                Matcher trailer = Pattern.compile("Ferry-Weight: (\\d+)").matcher(commit.getFullMessage());
                if (trailer.find()) {
                    weights.addFirst(Integer.parseInt(trailer.group(1)));
                }
            }
        }
        return weights;
    }

    private static void publish(PhaseStarted phase) throws Exception {
        app.getBean(EventPublisher.class).publish(phase).get();
    }

    /** The phase.started the planner publishes for the example's auth-cutover phase, on this test's repository. */
    private static PhaseStarted cutoverPhase(String repo) {
        var work = ServiceWork.newBuilder()
                .setService("auth-service")
                .setSource(new SourceSpec("", "", "auth-service", null))
                .setGitops(GitOpsSpec.newBuilder()
                        .setRepository(repo)
                        .setBranch("main")
                        .setLayout(GitOpsLayout.PLAIN_MANIFEST)
                        .setFilePath("services/auth-service/deployment.yaml")
                        .setMode(DeployMode.GITOPS_ONLY)
                        .setSyncTimeoutSeconds(600)
                        .setCredentialRef("gitops")
                        .build())
                .setPrior(PriorResults.newBuilder().build())
                .build();
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first("mig-" + UUID.randomUUID()))
                .setPlanName("chat-auth-gradual")
                .setPhase(cutover.name())
                .setAction(PhaseAction.SHIFT_TRAFFIC)
                .setEnvironment(cutover.environment())
                .setSettings(new HashMap<>(cutover.settings()))
                .setTimeoutSeconds(cutover.timeout().toSeconds())
                .setServices(List.of(work))
                .build();
    }

    /** step.succeeded, step.failed and step.progress as the planner reads them. */
    static final class Results implements AutoCloseable {
        private final KafkaConsumer<String, SpecificRecord> consumer;
        private final List<SpecificRecord> seen = new CopyOnWriteArrayList<>();

        Results() {
            consumer = ResultConsumers.fromStart(
                    "shift-traffic-it",
                    List.of(Topics.STEP_SUCCEEDED.name(), Topics.STEP_FAILED.name(), Topics.STEP_PROGRESS.name()));
        }

        StepSucceeded succeeded(PhaseStarted phase, Duration within) {
            return (StepSucceeded) answer(phase, within);
        }

        StepFailed failed(PhaseStarted phase, Duration within) {
            SpecificRecord answer = answer(phase, within);
            assertThat(answer).as("the step should fail").isInstanceOf(StepFailed.class);
            return (StepFailed) answer;
        }

        private SpecificRecord answer(PhaseStarted phase, Duration within) {
            await().pollInSameThread().atMost(within).until(() -> {
                poll();
                return !all(phase).isEmpty();
            });
            return all(phase).getFirst();
        }

        /** The step's answers: step.succeeded or step.failed caused by the phase. */
        List<SpecificRecord> all(PhaseStarted phase) {
            poll();
            return seen.stream()
                    .filter(r -> r instanceof StepSucceeded || r instanceof StepFailed)
                    .filter(r -> causedBy(r, phase))
                    .toList();
        }

        List<String> linesOf(PhaseStarted phase) {
            poll();
            return seen.stream()
                    .filter(r -> r instanceof StepProgress p && "lines".equals(p.getUnit()) && causedBy(r, phase))
                    .map(r -> ((StepProgress) r).getMessage())
                    .toList();
        }

        private static boolean causedBy(SpecificRecord record, PhaseStarted phase) {
            var metadata = (dev.ferry.contracts.avro.EventMetadata) record.get(0);
            return metadata.getCausationId().equals(phase.getMetadata().getEventId());
        }

        private synchronized void poll() {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
