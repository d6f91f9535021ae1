package dev.ferry.planner.web.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.planner.github.GithubDelivery;
import dev.ferry.planner.github.InMemoryWebhookInbox;
import dev.ferry.planner.github.InboxResult;
import dev.ferry.planner.github.WebhookInbox;
import dev.ferry.planner.github.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** How the receiver is wired into a context such as the planner's, without starting a server. */
@ExtendWith(OutputCaptureExtension.class)
class GithubWebhookConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withUserConfiguration(GithubWebhookConfiguration.class);

    @Test
    void usesTheInMemoryInboxWhenTheApplicationHasNone() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(WebhookInbox.class)
                .getBean(WebhookInbox.class)
                .isInstanceOf(InMemoryWebhookInbox.class));
    }

    @Test
    void usesTheApplicationsInboxEvenWhenDeclaredAfterThisConfiguration() {
        runner.withUserConfiguration(PlannerInbox.class).run(context -> assertThat(context)
                .hasSingleBean(WebhookInbox.class)
                .getBean(WebhookInbox.class)
                .isInstanceOf(RecordingInbox.class));
    }

    @Test
    void yieldsOneControllerWhenThePackageIsAlsoComponentScanned() {
        new ApplicationContextRunner()
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withUserConfiguration(ScannedPlanner.class)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(GithubWebhookController.class)
                        .hasSingleBean(WebhookInbox.class));
    }

    @Test
    void takesTheSecretFromTheEnvironmentVariableWhenThePropertyIsUnset() {
        runner.withPropertyValues("FERRY_GITHUB_WEBHOOK_SECRET=from-the-environment")
                .run(context -> {
                    byte[] body = "{\"action\":\"created\",\"repository\":{\"full_name\":\"fitsync/frontend\"}}"
                            .getBytes(StandardCharsets.UTF_8);
                    String signed =
                            WebhookSignature.withSecret("from-the-environment").sign(body);
                    var request = new DeliveryRequest("repository", "f00d", signed, body.length, false);

                    Receipt receipt =
                            context.getBean(DeliveryIntake.class).receive(request, new ByteArrayInputStream(body));

                    assertThat(receipt.result()).isEqualTo(DeliveryResult.ACCEPTED);
                });
    }

    @Test
    void warnsOnceWhenNoSecretIsConfigured(CapturedOutput output) {
        runner.run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut().lines().filter(line -> line.contains("github webhook secret=none")))
                .singleElement()
                .asString()
                .contains("every delivery is refused with 401");
    }

    @Test
    void bindsTheBodyLimit() {
        runner.withPropertyValues("ferry.planner.github.webhook-secret=s", "ferry.planner.github.max-body-bytes=1KB")
                .run(context -> {
                    var request = new DeliveryRequest("push", "f00d", "sha256=" + "0".repeat(64), 1025, false);

                    Receipt receipt = context.getBean(DeliveryIntake.class).receive(request, new FillerStream(1025));

                    assertThat(receipt.result()).isEqualTo(DeliveryResult.TOO_LARGE);
                    assertThat(receipt.problem()).contains("limit of 1024 bytes");
                    assertThat(context.getBean(GithubWebhookProperties.class).toString())
                            .contains("webhookSecret=****");
                });
    }

    @Test
    void refusesABodyLimitThatCannotBeHeldInMemory() {
        runner.withPropertyValues("ferry.planner.github.max-body-bytes=4GB").run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("ferry.planner.github.max-body-bytes must be between 1 and"));
    }

    /** Stands for the planner's own inbox, declared in a configuration processed after the receiver's. */
    @Configuration(proxyBeanMethods = false)
    static class PlannerInbox {
        @Bean
        WebhookInbox plannerInbox() {
            return new RecordingInbox();
        }
    }

    static final class RecordingInbox implements WebhookInbox {
        @Override
        public InboxResult accept(GithubDelivery delivery) {
            return InboxResult.ACCEPTED;
        }
    }

    /** Like the planner application: scans the package, which also holds the configuration importing the controller. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(
            basePackageClasses = GithubWebhookConfiguration.class,
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*(Test|IT)(\\$.*)?"))
    static class ScannedPlanner {}
}
