package dev.ferry.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ferry.testsupport.ServiceBoot;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The other sinks, as deployed: a Slack incoming webhook, a generic JSON webhook, and the console by default. */
@ExtendWith(OutputCaptureExtension.class)
class NotifierWebhookIT {

    private static final String SECRET_PATH = "/services/T0001/B0002/hook-secret-0815";

    private final WireMockServer hooks =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final KafkaEvents kafka = new KafkaEvents();
    private ConfigurableApplicationContext app;

    {
        hooks.start();
        hooks.stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withBody("ok")));
        hooks.stubFor(
                post(urlEqualTo("/json" + SECRET_PATH)).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        kafka.close();
        hooks.stop();
    }

    private static String[] arguments(String... more) {
        String instance = UUID.randomUUID().toString();
        var all = new java.util.ArrayList<>(java.util.List.of(
                "--ferry.notifier.state-topic=notifier.state." + instance,
                "--spring.kafka.consumer.group-id=notifier-" + instance));
        all.addAll(java.util.List.of(more));
        return all.toArray(String[]::new);
    }

    private void runToTheEnd(RunScript run) {
        run.events.forEach(kafka::publish);
    }

    private long bodiesMentioning(String path, String text) {
        return hooks.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path))
                .filter(e -> e.getRequest().getBodyAsString().contains(text))
                .count();
    }

    @Test
    void slackIncomingWebhookGetsEveryReplyOnceAndItsUrlIsNeverLogged(CapturedOutput output) {
        app = ServiceBoot.start(
                NotifierApplication.class,
                arguments("--ferry.notifier.slack-webhook-url=" + hooks.baseUrl() + SECRET_PATH));
        var run = new RunScript();

        runToTheEnd(run);

        String finished = "Migration *" + run.migrationId + "* (fitsync) failed";
        String approval = "ferry approve " + run.migrationId + " --phase approve-prod";
        // Published all at once, the events are read in no particular order: wait for both, then count.
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        bodiesMentioning(SECRET_PATH, finished) > 0 && bodiesMentioning(SECRET_PATH, approval) > 0);
        assertThat(bodiesMentioning(SECRET_PATH, finished)).isEqualTo(1);
        assertThat(bodiesMentioning(SECRET_PATH, approval)).isEqualTo(1);
        assertThat(output.getAll()).contains("sink=slack-incoming-webhook").doesNotContain("hook-secret-0815");
    }

    @Test
    void jsonWebhookGetsPostsRepliesAndGridUpdates(CapturedOutput output) {
        app = ServiceBoot.start(
                NotifierApplication.class,
                arguments("--ferry.notifier.json-webhook-url=" + hooks.baseUrl() + "/json" + SECRET_PATH));
        var run = new RunScript();

        runToTheEnd(run);

        String path = "/json" + SECRET_PATH;
        await().atMost(Duration.ofSeconds(60))
                .until(() -> bodiesMentioning(path, "\"kind\":\"update\"") > 0
                        && bodiesMentioning(path, "Migration *" + run.migrationId + "* (fitsync) failed") == 1);
        assertThat(bodiesMentioning(path, "\"key\":\"run:" + run.migrationId + "\""))
                .isPositive();
        assertThat(output.getAll()).contains("sink=json-webhook").doesNotContain("hook-secret-0815");
    }

    @Test
    void withoutAnyChatConfiguredNotificationsArePrintedToTheConsole(CapturedOutput output) {
        app = ServiceBoot.start(NotifierApplication.class, arguments());
        var run = new RunScript();

        runToTheEnd(run);

        await().atMost(Duration.ofSeconds(60)).until(() -> output.getOut()
                .contains("Migration *" + run.migrationId + "* (fitsync) failed in 5m 00s"));
        assertThat(output.getOut()).contains("[#ferry] *Migration " + run.migrationId + "*");
    }
}
