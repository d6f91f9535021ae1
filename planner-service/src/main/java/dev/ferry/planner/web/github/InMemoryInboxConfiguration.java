package dev.ferry.planner.web.github;

import dev.ferry.planner.github.InMemoryWebhookInbox;
import dev.ferry.planner.github.WebhookInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The in-memory inbox, for when the application declares no {@link WebhookInbox} of its own. Deliberately not
 * annotated (so component scanning skips it): {@link GithubWebhookConfiguration} imports it through a deferred
 * selector, after every other configuration, so that the condition sees the application's inbox wherever it is
 * declared.
 */
class InMemoryInboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InMemoryInboxConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(WebhookInbox.class)
    InMemoryWebhookInbox inMemoryWebhookInbox() {
        log.warn("github webhook inbox=in-memory: deliveries are deduplicated and kept in memory only, "
                + "nothing is published to github.webhooks");
        return new InMemoryWebhookInbox();
    }
}
