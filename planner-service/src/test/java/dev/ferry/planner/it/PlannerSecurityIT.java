package dev.ferry.planner.it;

import static dev.ferry.planner.it.Bus.PEOPLE;
import static dev.ferry.planner.it.PlannerFlowIT.get;
import static dev.ferry.planner.it.PlannerFlowIT.isOf;
import static dev.ferry.planner.it.PlannerFlowIT.metric;
import static dev.ferry.planner.it.PlannerFlowIT.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.ferry.contracts.avro.AbortMigration;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.RollbackService;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.ServiceBoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Commands with identities: the planner verifies each command's token against a real JWKS served on localhost (the
 * test's own key pair), and each role may do only its part. Every refusal is checked for what it says and for what did
 * not happen.
 */
class PlannerSecurityIT {
    @TempDir
    Path data;

    private IdentityProvider identities;
    private RSAKey key;

    @BeforeEach
    void serveKeys() throws Exception {
        identities = IdentityProvider.start();
        key = identities.key;
    }

    @AfterEach
    void stopKeys() {
        identities.close();
    }

    @Test
    void onlyVerifiedPeopleInTheirRolesMoveARun() throws Exception {
        try (var planner = ServiceBoot.start(
                        PlannerApplication.class,
                        "--ferry.planner.data-directory=" + data,
                        identities.plannerArguments().get(0),
                        identities.plannerArguments().get(1),
                        "--ferry.planner.security.group-roles.release-managers=approver:prod",
                        "--ferry.planner.security.credential-hosts.github-token=github.com,api.github.com");
                var bus = new Bus("phase.started", "migration.finished", "command.rejected")) {
            String id = UUID.randomUUID().toString();
            var workers = new Workers(bus, id, Set.of());

            String unsignedStart = send(bus, id, null, "mallory", start());
            String olga = token(
                    "olga", List.of("operator"), List.of(), key, Instant.now().plusSeconds(600));
            send(bus, id, olga, "olga", start());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                bus.poll();
                workers.answer();
                return !started(bus, id, "deploy-prod", PhaseAction.GATE).isEmpty();
            });
            assertThat(rejection(bus, id, unsignedStart)).contains("carries no token");

            RSAKey other = new RSAKeyGenerator(2048).keyID("ferry-test").generate();
            String forged = send(bus, id, token("pat", List.of("admin"), List.of(), other, later()), "pat", approve());
            String expired = send(
                    bus,
                    id,
                    token("pat", List.of("admin"), List.of(), key, Instant.now().minusSeconds(600)),
                    "pat",
                    approve());
            String byOperator = send(bus, id, olga, "olga", approve());
            String abortByOperator = send(bus, id, olga, "olga", new AbortMigration());
            String rollbackToTag = send(bus, id, olga, "olga", new RollbackService("cart", "dev", "cart-old"));
            for (String refused : List.of(forged, expired, byOperator, abortByOperator, rollbackToTag)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    bus.poll();
                    return rejection(bus, id, refused) != null;
                });
            }
            assertThat(rejection(bus, id, forged)).startsWith("the command's token is not valid");
            assertThat(rejection(bus, id, expired))
                    .startsWith("the command's token is not valid")
                    .contains("expired");
            assertThat(rejection(bus, id, byOperator))
                    .isEqualTo("olga (cli) may not approve deploy-prod: it takes the role approver or approver:prod"
                            + " or admin; their roles: operator");
            assertThat(rejection(bus, id, abortByOperator))
                    .isEqualTo("olga (cli) may not abort the run: it takes the role admin; their roles: operator");
            assertThat(rejection(bus, id, rollbackToTag)).contains("roll cart back to the named tag cart-old");
            assertThat(metric(planner, "ferry_commands_unauthenticated_total")).isEqualTo(3.0);
            assertThat(status(planner, id).path("state").asText()).isEqualTo("RUNNING");
            assertThat(status(planner, id).path("phases").get(3).path("state").asText())
                    .isEqualTo("AWAITING_APPROVAL");
            assertThat(started(bus, id, "deploy-prod", PhaseAction.DEPLOY)).isEmpty();
            assertThat(started(bus, id, "rollback-dev", PhaseAction.ROLLBACK)).isEmpty();

            // A release manager by group: the group's roles come from configuration; the name from the token.
            send(
                    bus,
                    id,
                    token("pat", List.of(), List.of("release-managers"), key, later()),
                    "someone-else",
                    approve());
            assertThat(workers.answerUntilFinished().getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
            assertThat(started(bus, id, "deploy-prod", PhaseAction.DEPLOY))
                    .singleElement()
                    .satisfies(deploy -> assertThat(deploy.getApprovedBy()).isEqualTo("pat (cli)"));

            // The audit log has every command, in order, with the verified name and roles, and the refusals' reasons.
            JsonNode audit = read(planner, "/migrations/" + id + "/audit");
            assertThat(audit.findValuesAsText("command"))
                    .containsExactly("start", "start", "approve", "approve", "approve", "abort", "rollback", "approve");
            assertThat(audit.findValuesAsText("issuedBy"))
                    .containsExactly(
                            "mallory (cli, unverified)",
                            "olga (cli)",
                            "pat (cli, unverified)",
                            "pat (cli, unverified)",
                            "olga (cli)",
                            "olga (cli)",
                            "olga (cli)",
                            "pat (cli)");
            assertThat(audit.findValuesAsText("applied"))
                    .containsExactly("false", "true", "false", "false", "false", "false", "false", "true");
            assertThat(audit.get(7).path("roles").get(0).asText()).isEqualTo("approver:prod");
            assertThat(audit.get(4).path("reason").asText()).startsWith("olga (cli) may not approve deploy-prod");
            assertThat(audit.toString()).doesNotContain("eyJ");

            // A plan that would send the organisation's token to a host of the author's choosing never starts.
            String evilRun = UUID.randomUUID().toString();
            String evil = PlannerFlowIT.SHOP_PLAN.replace(
                    "      repository: /targets/{service}.git",
                    "      repository: https://git.evil.example/{service}.git\n      credentialRef: github-token");
            assertThat(evil).isNotEqualTo(PlannerFlowIT.SHOP_PLAN);
            String refusedStart = send(
                    bus,
                    evilRun,
                    olga,
                    "olga",
                    new StartMigration(evil, "shop", Map.of("sourceCommit", "a".repeat(40))));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                bus.poll();
                return rejection(bus, evilRun, refusedStart) != null;
            });
            assertThat(rejection(bus, evilRun, refusedStart))
                    .contains("defaults.target.repository: credential github-token may be sent only to github.com,"
                            + " api.github.com, not to git.evil.example");
            assertThat(status(planner, evilRun)).isNull();

            // Reading runs takes a verified identity with a Ferry role.
            assertThatThrownBy(() -> get(planner, "/migrations/" + id, null)).hasMessageContaining("carries no token");
            assertThatThrownBy(() ->
                            get(planner, "/migrations", token("nobody", List.of(), List.of("interns"), key, later())))
                    .hasMessageContaining("nobody has no Ferry role; reading runs takes viewer at least");
            assertThat(status(planner, id)
                            .path("phases")
                            .get(3)
                            .path("approvedBy")
                            .asText())
                    .isEqualTo("pat (cli)");
        }
    }

    @Test
    void theHttpCommandApiAuthenticatesTheCallerAndTheRunJudgesTheCommand() throws Exception {
        try (var planner = ServiceBoot.start(
                        PlannerApplication.class,
                        "--ferry.planner.data-directory=" + data,
                        identities.plannerArguments().get(0),
                        identities.plannerArguments().get(1));
                var bus = new Bus("phase.started", "migration.finished", "command.rejected")) {
            String id = UUID.randomUUID().toString();
            var workers = new Workers(bus, id, Set.of());
            String olga = token("olga", List.of("operator"), List.of(), key, later());
            send(bus, id, olga, "olga", start());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                bus.poll();
                workers.answer();
                return !started(bus, id, "deploy-prod", PhaseAction.GATE).isEmpty();
            });
            String approve = "{\"command\": \"approve\", \"phase\": \"deploy-prod\", \"environment\": \"prod\"}";

            HttpResponse<String> anonymous = post(planner, id, null, approve);
            HttpResponse<String> unknown = post(planner, id, olga, "{\"command\": \"fly\"}");
            HttpResponse<String> byOperator = post(planner, id, olga, approve);

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("carries no token");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("unknown command \\\"fly\\\"");
            assertThat(byOperator.statusCode()).isEqualTo(202);
            String refusedId = new ObjectMapper()
                    .readTree(byOperator.body())
                    .path("commandId")
                    .asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                bus.poll();
                return rejection(bus, id, refusedId) != null;
            });
            assertThat(rejection(bus, id, refusedId)).startsWith("olga (api) may not approve deploy-prod");

            String pat = token("pat", List.of("approver:prod"), List.of(), key, later());
            assertThat(post(planner, id, pat, approve).statusCode()).isEqualTo(202);
            assertThat(workers.answerUntilFinished().getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
            assertThat(status(planner, id)
                            .path("phases")
                            .get(3)
                            .path("approvedBy")
                            .asText())
                    .isEqualTo("pat (api)");

            // A run's plan, and a plan checked before it is applied, are for people with a Ferry role too.
            assertThat(read(planner, "/migrations/" + id + "/plan")
                            .path("planName")
                            .asText())
                    .isEqualTo("shop");
            assertThatThrownBy(() -> get(planner, "/migrations/" + id + "/plan", null))
                    .hasMessageContaining("carries no token");
            HttpResponse<String> anonymousCheck =
                    post(planner, "/plans/dry-run", "application/yaml", null, PlannerFlowIT.SHOP_PLAN);
            HttpResponse<String> signedCheck =
                    post(planner, "/plans/dry-run", "application/yaml", pat, PlannerFlowIT.SHOP_PLAN);
            assertThat(anonymousCheck.statusCode()).isEqualTo(401);
            assertThat(signedCheck.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper()
                            .readTree(signedCheck.body())
                            .path("valid")
                            .asBoolean())
                    .isTrue();
        }
    }

    private static HttpResponse<String> post(
            ConfigurableApplicationContext planner, String id, String token, String body) throws Exception {
        return post(planner, "/migrations/" + id + "/commands", "application/json", token, body);
    }

    private static HttpResponse<String> post(
            ConfigurableApplicationContext planner, String path, String contentType, String token, String body)
            throws Exception {
        int port = ((WebServerApplicationContext) planner).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A run's status as a viewer reads it. */
    private JsonNode status(ConfigurableApplicationContext planner, String id) throws Exception {
        return read(planner, "/migrations/" + id);
    }

    private JsonNode read(ConfigurableApplicationContext planner, String path) throws Exception {
        return get(planner, path, token("vera", List.of("viewer"), List.of(), key, later()));
    }

    private static StartMigration start() {
        return new StartMigration(PlannerFlowIT.SHOP_PLAN, "shop", Map.of("sourceCommit", "a".repeat(40)));
    }

    private static ApprovePhase approve() {
        return new ApprovePhase("deploy-prod", "prod", null);
    }

    private static Instant later() {
        return Instant.now().plusSeconds(600);
    }

    /** Publishes a command as {@code claimedName} with the token (or none); returns its event id. */
    private static String send(Bus bus, String id, String token, String claimedName, Object command) {
        var meta = PEOPLE.first(id);
        bus.publish(MigrationCommand.newBuilder()
                .setMetadata(meta)
                .setIssuedBy(new Actor(claimedName, "cli"))
                .setToken(token)
                .setCommand(command)
                .build());
        return meta.getEventId().toString();
    }

    private static String rejection(Bus bus, String id, String commandId) {
        return bus
                .seen(
                        CommandRejected.class,
                        r -> isOf(r.getMetadata().getMigrationId(), id)
                                && r.getCommandId().toString().equals(commandId))
                .stream()
                .map(CommandRejected::getReason)
                .findFirst()
                .orElse(null);
    }

    private String token(String name, List<String> roles, List<String> groups, RSAKey signer, Instant expiry)
            throws JOSEException {
        return identities.token(name, roles, groups, signer, expiry);
    }
}
