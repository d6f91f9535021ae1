package dev.ferry.planner.web.github;

import dev.ferry.planner.github.WebhookInbox;
import dev.ferry.planner.github.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Wires the GitHub webhook receiver: its settings, the controller, and an in-memory {@link WebhookInbox} unless the
 * application declares its own. Importing this class is all a context needs (the planner's component scan finds it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GithubWebhookProperties.class)
@Import({GithubWebhookController.class, GithubWebhookConfiguration.InboxFallback.class})
public class GithubWebhookConfiguration {

    /** Read when {@code ferry.planner.github.webhook-secret} is not set. */
    static final String SECRET_VARIABLE = "FERRY_GITHUB_WEBHOOK_SECRET";

    private static final Logger log = LoggerFactory.getLogger(GithubWebhookConfiguration.class);

    @Bean
    DeliveryIntake githubDeliveryIntake(
            GithubWebhookProperties properties, Environment environment, WebhookInbox inbox, MeterRegistry meters) {
        String secret = properties.webhookSecret() != null
                ? properties.webhookSecret()
                : environment.getProperty(SECRET_VARIABLE);
        if (secret == null || secret.isBlank()) {
            log.warn(
                    "github webhook secret=none path={}: every delivery is refused with 401 until "
                            + "ferry.planner.github.webhook-secret (env {}) is set",
                    GithubWebhookController.PATH,
                    SECRET_VARIABLE);
            return new DeliveryIntake(null, maxBody(properties), inbox, meters);
        }
        return new DeliveryIntake(WebhookSignature.withSecret(secret), maxBody(properties), inbox, meters);
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} at once by default, so a client that asked first still uploads a
     * body the receiver refuses on its declared length. Answering only when the application reads lets a 413 (or a
     * 401 for a missing signature) go out before a single body byte is sent. Requests without the header are unchanged.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnlyWhenTheBodyIsRead() {
        return factory ->
                factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    private static int maxBody(GithubWebhookProperties properties) {
        return Math.toIntExact(properties.maxBodyBytes().toBytes());
    }

    /** Imports the in-memory inbox after all other configuration; see {@link InMemoryInboxConfiguration}. */
    static final class InboxFallback implements DeferredImportSelector {

        @Override
        public String[] selectImports(AnnotationMetadata importingClass) {
            return new String[] {InMemoryInboxConfiguration.class.getName()};
        }
    }
}
