package dev.ferry.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.CliRun;
import dev.ferry.cli.status.MigrationStatus;
import dev.ferry.cli.status.MigrationStatus.PhaseState;
import dev.ferry.cli.status.MigrationStatus.RunState;
import dev.ferry.cli.status.MigrationStatus.StepState;
import dev.ferry.cli.status.RunPlan;
import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.yaml.PlanReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real HTTP client against a local server speaking the documented status API. */
class HttpPlannerClientTest {

    private static final String ID = "9b2f6c1e-0d3a-4c51-8f7e-2b9d4e6a1c00";

    /** The example of notes/PLANNER-INTERFACES.md, with a field and a state this CLI does not know yet. */
    private static final String RUNNING = """
            {"id": "%s", "planName": "fitsync-multi-repo", "state": "RUNNING",
             "startedAt": "2026-11-22T10:00:00Z", "finishedAt": null, "shard": 3,
             "phases": [
               {"name": "split", "action": "SPLIT", "environment": null, "state": "RUNNING",
                "approvalRequired": false,
                "steps": [
                  {"service": "api-gateway", "state": "SUCCEEDED", "attempt": 1,
                   "startedAt": "2026-11-22T10:00:01Z", "finishedAt": "2026-11-22T10:00:09Z", "lastError": null,
                   "result": {"splitCommit": "4f1c2ab"}},
                  {"service": "user-service", "state": "COOLING_DOWN", "attempt": 1,
                   "startedAt": null, "finishedAt": null, "lastError": null, "result": null}
                ]}
             ]}
            """.formatted(ID);

    private static final String SUCCEEDED = RUNNING.replace("\"state\": \"RUNNING\"", "\"state\": \"SUCCEEDED\"")
            .replace("\"COOLING_DOWN\"", "\"SUCCEEDED\"")
            .replace("\"finishedAt\": null, \"shard\"", "\"finishedAt\": \"2026-11-22T10:01:35Z\", \"shard\"");

    private final PlannerStandIn planner = startPlanner();

    private HttpPlannerClient client() {
        return HttpPlannerClient.at(URI.create(planner.url()));
    }

    @AfterEach
    void stop() {
        planner.close();
    }

    @Test
    void sendsTheLoggedInTokenToAPlannerThatLetsOnlyKnownPeopleRead() {
        planner.json("/migrations/" + ID, 200, RUNNING);

        client().migration(ID);
        client().withToken("eyJ.signed.token").migration(ID);

        assertThat(planner.authorizations).containsExactly("none", "Bearer eyJ.signed.token");
    }

    @Test
    void readsTheDocumentedStatusAndToleratesWhatItDoesNotKnow() {
        planner.json("/migrations/" + ID, 200, RUNNING);

        MigrationStatus run = client().migration(ID);

        assertThat(run.id()).isEqualTo(ID);
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(run.finishedAt()).isNull();
        var phase = run.phases().getFirst();
        assertThat(phase.state()).isEqualTo(PhaseState.RUNNING);
        assertThat(phase.steps().get(0).result()).isEqualTo(Map.of("splitCommit", "4f1c2ab"));
        assertThat(phase.steps().get(1).state()).isEqualTo(StepState.UNKNOWN);
        assertThat(phase.steps().get(1).result()).isEmpty();
    }

    @Test
    void listsRuns() {
        planner.json("/migrations", 200, "[" + RUNNING + "," + SUCCEEDED + "]");

        assertThat(client().migrations())
                .extracting(MigrationStatus::state)
                .containsExactly(RunState.RUNNING, RunState.SUCCEEDED);
    }

    @Test
    void anUnknownRunIsReportedWithThePlannersWords() {
        planner.json("/migrations/nope", 404, "{\"error\": \"no migration nope\"}");

        assertThatThrownBy(() -> client().migration("nope"))
                .isInstanceOf(CliFailure.class)
                .hasMessage("the planner at " + planner.url() + " has no /migrations/nope: no migration nope"
                        + " (list runs with `ferry status`)");
    }

    @Test
    void aServerErrorOrAnUnreadableBodyIsReported() {
        planner.json("/migrations", 500, "database is down");
        planner.json("/migrations/" + ID, 200, "{\"id\": [1, 2]}");

        assertThatThrownBy(() -> client().migrations()).hasMessageContaining("HTTP 500: database is down");
        assertThatThrownBy(() -> client().migration(ID)).hasMessageContaining("with JSON this CLI cannot read");
    }

    @Test
    void followsTheEventStreamUntilThePlannerEndsIt() {
        planner.events(
                "/migrations/" + ID + "/events",
                List.of(
                        ": connected\n\n",
                        sse("migration", RUNNING),
                        sse("heartbeat", "{}"),
                        sse("migration", SUCCEEDED)));
        var seen = new ArrayList<MigrationStatus>();

        client().follow(ID, seen::add);

        assertThat(seen).extracting(MigrationStatus::state).containsExactly(RunState.RUNNING, RunState.SUCCEEDED);
    }

    @Test
    void anUnreachablePlannerIsNamed() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var nobody = HttpPlannerClient.at(URI.create("http://127.0.0.1:" + port));

        assertThatThrownBy(nobody::migrations)
                .isInstanceOf(CliFailure.class)
                .hasMessage("cannot reach the planner at http://127.0.0.1:" + port + " (connection refused): is"
                        + " planner-service running? Set --planner-url or FERRY_PLANNER_URL");
    }

    @Test
    void ferryStatusWatchFollowsARealStreamToTheEnd() {
        planner.events(
                "/migrations/" + ID + "/events", List.of(sse("migration", RUNNING), sse("migration", SUCCEEDED)));

        CliRun run = new CliRun()
                .planner(HttpPlannerClient::at)
                .run("status", ID, "--watch", "--planner-url", planner.url());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        "migration " + ID + " (fitsync-multi-repo) RUNNING",
                        "phase split RUNNING",
                        "split/api-gateway SUCCEEDED splitCommit=4f1c2ab",
                        "split/user-service UNKNOWN",
                        "migration " + ID + " (fitsync-multi-repo) SUCCEEDED",
                        "phase split SUCCEEDED",
                        "split/user-service SUCCEEDED",
                        "migration " + ID + " SUCCEEDED in 1m 35s: 2/2 steps done");
    }

    @Test
    void ferryPlanShowOfARunPrintsTheDryRunThePlannerWorkedOutAsAFilesWouldBe() throws Exception {
        Path example = Path.of("../examples/fitsync-multi-repo.yaml");
        MigrationPlan plan = PlanReader.read(example);
        // The planner's JSON: its records, serialized by Jackson as Spring does.
        planner.json(
                "/migrations/" + ID + "/plan",
                200,
                new ObjectMapper()
                        .writeValueAsString(new RunPlan(
                                ID,
                                plan.name(),
                                Map.of("sourceCommit", "4f1c2ab"),
                                Files.readString(example),
                                DryRun.of(plan))));

        CliRun text = new CliRun()
                .planner(HttpPlannerClient::at)
                .run("plan", "show", "--run", ID, "--planner-url", planner.url());
        CliRun json = new CliRun()
                .planner(HttpPlannerClient::at)
                .variable("FERRY_PLANNER_URL", planner.url())
                .run("plan", "show", "--run", ID, "-o", "json");
        CliRun both = new CliRun().planner(HttpPlannerClient::at).run("plan", "show", example.toString(), "--run", ID);

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).isEqualTo(DryRun.describe(plan));
        JsonNode data = new ObjectMapper().readTree(json.out());
        assertThat(data.path("planName").asText()).isEqualTo("fitsync-multi-repo");
        assertThat(data.path("parameters").path("sourceCommit").asText()).isEqualTo("4f1c2ab");
        assertThat(data.path("dryRun").path("services")).hasSize(plan.services().size());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("name the plan FILE or --run ID, not both");
    }

    /** One SSE event, its JSON spread over several data lines as a server may send it. */
    private static String sse(String name, String json) {
        var event = new StringBuilder("event: ").append(name).append('\n');
        json.strip().lines().forEach(line -> event.append("data: ").append(line).append('\n'));
        return event.append('\n').toString();
    }

    private static PlannerStandIn startPlanner() {
        try {
            return new PlannerStandIn();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local planner stand-in", e);
        }
    }
}
