package dev.ferry.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunStateTest {

    private final Events events = new Events("m-1");
    private final Notifier notifier =
            new Notifier(new Routing("#m", Optional.of("#alerts"), Map.of()), MessageTemplates.defaults());

    @Test
    void opensTheThreadThenPostsRepliesInOrderThenUpdatesTheGrid() {
        RunState state = notifier.accept(RunState.start("m-1"), events.phase("split", Action.SPLIT, null, "a"));
        state = notifier.accept(state, events.failed("split", "a", "boom"));

        assertThat(state.next()).isEqualTo(new NextStep.OpenThread("#m"));
        state = state.threadOpened(
                "#m", new MessageRef("C1", "111.1"), state.board().version());

        var first = (NextStep.Post) state.next();
        assertThat(first.delivery().kind()).isEqualTo(ReplyKind.PHASE_STARTED);
        assertThat(first.thread()).isEqualTo(new MessageRef("C1", "111.1"));
        state = state.delivered(first.delivery().id());

        var second = (NextStep.Post) state.next();
        assertThat(second.delivery().channel()).isEqualTo("#m");
        state = state.delivered(second.delivery().id());

        var alert = (NextStep.Post) state.next();
        assertThat(alert.delivery().channel()).isEqualTo("#alerts");
        assertThat(alert.thread()).isNull();
        state = state.delivered(alert.delivery().id());

        assertThat(state.next()).isEqualTo(new NextStep.Nothing());
        assertThat(state.hasWork()).isFalse();
    }

    @Test
    void aGridChangeAfterTheParentWasPostedAsksForAnUpdate() {
        RunState state = notifier.accept(RunState.start("m-1"), events.phase("split", Action.SPLIT, null, "a"));
        int shown = state.board().version();
        state = state.threadOpened("#m", new MessageRef("C1", "1.0"), shown);
        state = state.delivered(state.pending().getFirst().id());
        assertThat(state.hasWork()).isFalse();
        state = notifier.accept(state, events.split("a"));

        assertThat(state.next())
                .isEqualTo(new NextStep.ShowGrid(new ChatThread("#m", new MessageRef("C1", "1.0"), shown)));
        state = state.gridShown("#m", state.board().version());
        assertThat(state.hasWork()).isFalse();
    }

    @Test
    void abandoningAChannelDropsItsThreadAndItsMessagesOnly() {
        RunState state = notifier.accept(RunState.start("m-1"), events.failed("split", "a", "boom"));

        state = state.abandonChannel("#m");

        assertThat(state.threads()).isEmpty();
        assertThat(state.pending()).extracting(Delivery::channel).containsExactly("#alerts");
    }

    @Test
    void messagesWaitingTogetherGoOutInTheOrderTheirEventsHappened() {
        var early = new EventRef("early", "m-1", java.time.Instant.parse("2026-01-01T10:00:00Z"));
        var late = new EventRef("late", "m-1", java.time.Instant.parse("2026-01-01T10:05:00Z"));
        var failure = new MigrationEvent.StepFailed(late, "build", "a", Action.BUILD, 1, "X", "late", false, null);
        var phase = new MigrationEvent.PhaseStarted(early, "p", "build", Action.BUILD, null, 1, java.util.List.of("a"));

        RunState state = notifier.accept(RunState.start("m-1"), failure);
        state = notifier.accept(state, phase);

        assertThat(state.pending())
                .extracting(Delivery::eventId, Delivery::channel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("early", "#m"),
                        org.assertj.core.groups.Tuple.tuple("late", "#m"),
                        org.assertj.core.groups.Tuple.tuple("late", "#alerts"));
    }
}
