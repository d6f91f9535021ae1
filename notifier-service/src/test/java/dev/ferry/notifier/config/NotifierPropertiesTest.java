package dev.ferry.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.notifier.domain.ReplyKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NotifierPropertiesTest {

    private static NotifierProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ferry.notifier", NotifierProperties.class);
    }

    @Test
    void routesByPlanAndEnvironmentAsConfigured() {
        var properties = bind(Map.of(
                "ferry.notifier.channels.default-channel", "#ferry",
                "ferry.notifier.channels.alerts", "#ferry-alerts",
                "ferry.notifier.channels.plans.fitsync.channel", "#fitsync",
                "ferry.notifier.channels.plans.fitsync.environments.prod", "#fitsync-prod"));

        var routing = NotifierConfiguration.routing(properties.channels());

        assertThat(routing.channelFor("fitsync", "prod")).isEqualTo("#fitsync-prod");
        assertThat(routing.channelFor("fitsync", "dev")).isEqualTo("#fitsync");
        assertThat(routing.channelFor("other", "prod")).isEqualTo("#ferry");
        assertThat(routing.alertsChannel()).contains("#ferry-alerts");
    }

    @Test
    void templatesAreConfiguredByKindName() {
        var properties = bind(Map.of("ferry.notifier.templates.approval-waiting", "approve: {approveCommand}"));

        var templates = NotifierConfiguration.templates(properties.templates());

        assertThat(templates.render(ReplyKind.APPROVAL_WAITING, Map.of("approveCommand", "ferry approve m --phase p")))
                .isEqualTo("approve: ferry approve m --phase p");
    }

    @Test
    void anUnknownTemplateKindIsRefusedWithTheKnownOnes() {
        var properties = bind(Map.of("ferry.notifier.templates.step-failure", "x"));

        assertThatThrownBy(() -> NotifierConfiguration.templates(properties.templates()))
                .hasMessageStartingWith("ferry.notifier.templates.step-failure names no kind of message")
                .hasMessageContaining("step-failed");
    }

    @Test
    void picksTheSinkFromWhatIsConfiguredAndConsoleByDefault() {
        assertThat(bind(Map.of()).sinkName()).isEqualTo("console");
        assertThat(bind(Map.of("ferry.notifier.json-webhook-url", "http://h/x")).sinkName())
                .isEqualTo("json-webhook");
        assertThat(bind(Map.of("ferry.notifier.slack-webhook-url", "https://hooks.slack.com/services/T/B/secret"))
                        .sinkName())
                .isEqualTo("slack-incoming-webhook");
        assertThat(bind(Map.of("ferry.notifier.slack.token", "xoxb-1")).sinkName())
                .isEqualTo("slack-web-api");
    }

    @Test
    void showsNoSecretWhenPrinted() {
        var properties = bind(Map.of(
                "ferry.notifier.slack.token", "xoxb-secret-1",
                "ferry.notifier.slack-webhook-url", "https://hooks.slack.com/services/T/B/secret-2",
                "ferry.notifier.json-webhook-url", "https://chat.example.com/hook?key=secret-3"));

        assertThat(properties.toString() + properties.slack())
                .doesNotContain("secret-1")
                .doesNotContain("secret-2")
                .doesNotContain("secret-3");
    }
}
