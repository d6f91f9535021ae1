package dev.ferry.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.Topics;
import dev.ferry.testsupport.ServiceBoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notifier as deployed, against the real broker and a Slack stand-in: one parent per run kept current with
 * chat.update, every reply in its thread exactly once, alerts in the alerts channel, through rate limits, outages,
 * redeliveries and undecodable records; the token in no log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotifierSlackIT {

    static final String TOKEN = "xoxb-it-secret-token-4711";

    private final SlackWorkspace slack = new SlackWorkspace();
    private final KafkaEvents kafka = new KafkaEvents();
    private ConfigurableApplicationContext app;

    static String[] arguments(SlackWorkspace slack, String token, String instance) {
        return new String[] {
            "--ferry.notifier.slack.token=" + token,
            "--ferry.notifier.slack.api-url=" + slack.apiUrl(),
            "--ferry.notifier.channels.default-channel=#migrations",
            "--ferry.notifier.channels.alerts=#alerts",
            "--ferry.notifier.state-topic=notifier.state." + instance,
            "--spring.kafka.consumer.group-id=notifier-" + instance,
            "--ferry.notifier.initial-backoff=50ms",
            "--ferry.notifier.max-backoff=400ms"
        };
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        kafka.close();
        slack.close();
    }

    @Test
    void oneLiveThreadPerRunEveryMessageOnceThroughRateLimitsOutagesAndRedeliveries(CapturedOutput output) {
        app = ServiceBoot.start(
                NotifierApplication.class,
                arguments(slack, TOKEN, UUID.randomUUID().toString()));
        var run = new RunScript();
        slack.goDown(429, Map.of("Retry-After", "1"));

        List<org.apache.avro.specific.SpecificRecord> events = run.events;
        for (int i = 0; i < events.size(); i++) {
            // Other services answer one event with the next, so the notifier reads them in the order they happened.
            publishAndWaitUntilTakenIn(run, events.get(i));
            if (i == 3) {
                kafka.publishGarbage(Topics.STEP_FAILED, run.migrationId + "/api-gateway");
                kafka.publish(events.get(1));
            }
            if (i == 6) {
                slack.recover();
                slack.goDown(503, Map.of());
            }
            if (i == 9) {
                slack.recover();
            }
        }
        kafka.publish(events.get(6));

        await().atMost(Duration.ofSeconds(60)).until(() -> slack.showsFinished(run));

        var parent = slack.parents(run.migrationId);
        assertThat(parent).hasSize(1);
        assertThat(parent.getFirst().channel()).isEqualTo("#migrations");
        String ts = parent.getFirst().ts();
        var replies = slack.replies(ts);
        assertThat(replies).hasSize(RunScript.THREAD_REPLIES);
        assertThat(replies).extracting(SlackWorkspace.Posted::key).doesNotHaveDuplicates();
        assertThat(replies).extracting(SlackWorkspace.Posted::channel).containsOnly(SlackWorkspace.CHANNEL_ID);
        assertThat(slack.updates(ts))
                .extracting(SlackWorkspace.Posted::channel)
                .containsOnly(SlackWorkspace.CHANNEL_ID);
        assertThat(replies)
                .extracting(r -> r.text().lines().findFirst().orElseThrow())
                .containsExactly(
                        "Phase *split* (split) started for 2 services",
                        "Phase *split* succeeded in 1m 01s: 2 succeeded, 0 failed",
                        "Phase *build* (build) started for 2 services",
                        ":x: build of *api-gateway* failed in phase build (attempt 1, NOT_FOUND, not retryable):"
                                + " Dockerfile not found at services/api-gateway/Dockerfile in"
                                + " https://***@github.com/fitsync/api-gateway.git",
                        "Phase *build* partially failed in 1m 01s: 1 succeeded, 1 failed (api-gateway)",
                        ":raised_hand: Phase *approve-prod* in prod of fitsync waits for approval. Approve with"
                                + " `ferry approve " + run.migrationId + " --phase approve-prod`",
                        "Phase *approve-prod* succeeded in 1m 01s: 1 succeeded, 0 failed",
                        "Phase *deploy-prod* (deploy) started in prod for 1 services",
                        "Phase *deploy-prod* succeeded in 1m 01s: 1 succeeded, 0 failed",
                        ":rewind: Rolling back user-service in prod (phase rollback-prod)",
                        ":rewind: *user-service* rolled back in prod to user-service-a0",
                        "Phase *rollback-prod* succeeded in 1m 01s: 1 succeeded, 0 failed",
                        "Command ApprovePhase from alice (cli) was rejected: phase approve-prod is not waiting for"
                                + " approval",
                        "Migration *" + run.migrationId + "* (fitsync) failed in 5m 00s. Deploy success rate 100.0%.");
        assertThat(replies.getLast().text())
                .contains("• *user-service*: lead time 2m 05s, deploys 2/2, rollback in prod took 9s")
                .contains("• *api-gateway*: lead time never deployed, deploys 0/0");

        var alerts = slack.alerts("#alerts", run.migrationId);
        assertThat(alerts).hasSize(RunScript.ALERTS);
        assertThat(alerts.getFirst().text())
                .startsWith("[fitsync · " + run.migrationId + "] :x: build of *api-gateway*");

        String grid = slack.updates(ts).getLast().text();
        assertThat(grid)
                .startsWith("*Migration " + run.migrationId
                        + "* · plan *fitsync* · 2 services · environments prod · failed")
                .contains("service       split  build   approve-prod  deploy-prod  rollback-prod")
                .contains("user-service  done   done    done          done         rolled back")
                .contains("api-gateway   done   FAILED  -             -            -");

        assertThat(slack.posted()).extracting(SlackWorkspace.Posted::auth).containsOnly("Bearer " + TOKEN);
        assertThat(slack.posted())
                .extracting(SlackWorkspace.Posted::text)
                .noneMatch(text -> text.contains(RunScript.LEAKED_TOKEN));
        assertThat(slack.failedCalls()).isPositive();
        assertThat(output.getAll()).doesNotContain(TOKEN).contains("sink=slack-web-api");
    }

    @Test
    void anInvalidTokenMakesTheNotifierNotReadyWithAClearMessage() throws Exception {
        slack.slack.answer("auth.test", "{\"ok\":false,\"error\":\"invalid_auth\"}");
        app = ServiceBoot.start(
                NotifierApplication.class,
                arguments(slack, "xoxb-revoked-4712", UUID.randomUUID().toString()));
        String port = app.getEnvironment().getProperty("local.management.port");

        HttpResponse<String> readiness = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body())
                .contains(
                        "Slack rejected the bot token (invalid_auth); set a valid token in ferry.notifier.slack.token")
                .doesNotContain("xoxb-revoked-4712");
    }

    private void publishAndWaitUntilTakenIn(RunScript run, org.apache.avro.specific.SpecificRecord event) {
        kafka.publish(event);
        awaitTakenIn(app, run, event);
    }

    static void awaitTakenIn(
            ConfigurableApplicationContext app, RunScript run, org.apache.avro.specific.SpecificRecord event) {
        var ledger = app.getBean(dev.ferry.notifier.dispatch.RunLedger.class);
        String eventId = RunScript.eventId(event);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var state = ledger.get(run.migrationId);
            return state != null && state.handled(eventId);
        });
    }
}
