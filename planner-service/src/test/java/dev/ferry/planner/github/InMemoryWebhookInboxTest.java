package dev.ferry.planner.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryWebhookInboxTest {

    @Test
    void acceptsADeliveryOnceAndAnswersItsRedeliveryAsDuplicate() {
        var inbox = new InMemoryWebhookInbox();

        assertThat(inbox.accept(delivery("a"))).isEqualTo(InboxResult.ACCEPTED);
        assertThat(inbox.accept(delivery("a"))).isEqualTo(InboxResult.DUPLICATE);
        assertThat(inbox.accept(delivery("b"))).isEqualTo(InboxResult.ACCEPTED);

        assertThat(inbox.deliveries()).extracting(GithubDelivery::deliveryId).containsExactly("a", "b");
    }

    @Test
    void remembersOnlyTheLatestDeliveryIds() {
        var inbox = new InMemoryWebhookInbox(2, 10);
        inbox.accept(delivery("a"));
        inbox.accept(delivery("b"));
        inbox.accept(delivery("c"));

        assertThat(inbox.accept(delivery("c"))).isEqualTo(InboxResult.DUPLICATE);
        assertThat(inbox.accept(delivery("a"))).isEqualTo(InboxResult.ACCEPTED);
    }

    @Test
    void keepsOnlyTheLatestDeliveries() {
        var inbox = new InMemoryWebhookInbox(10, 2);
        inbox.accept(delivery("a"));
        inbox.accept(delivery("b"));
        inbox.accept(delivery("c"));

        assertThat(inbox.deliveries()).extracting(GithubDelivery::deliveryId).containsExactly("b", "c");
        assertThat(inbox.accept(delivery("a"))).isEqualTo(InboxResult.DUPLICATE);
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> new InMemoryWebhookInbox(0, 1)).hasMessageContaining("rememberedIds");
    }

    private static GithubDelivery delivery(String id) {
        return new GithubDelivery(id, "repository", "fitsync/frontend", null, null, "created", "main", "{}");
    }
}
