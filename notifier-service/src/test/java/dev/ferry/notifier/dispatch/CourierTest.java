package dev.ferry.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.notifier.domain.Action;
import dev.ferry.notifier.domain.Backoff;
import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.EventRef;
import dev.ferry.notifier.domain.MessageTemplates;
import dev.ferry.notifier.domain.MigrationEvent;
import dev.ferry.notifier.domain.Notifier;
import dev.ferry.notifier.domain.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CourierTest {

    private final FakeSink sink = new FakeSink();
    private final MemoryStore store = new MemoryStore();
    private final Notifier notifier =
            new Notifier(new Routing("#m", Optional.of("#alerts"), Map.of()), MessageTemplates.defaults());
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private RunLedger ledger() {
        var ledger = new RunLedger(notifier, store);
        ledger.load();
        return ledger;
    }

    private static EventRef ref(String id) {
        return new EventRef(id, "m-1", Instant.EPOCH);
    }

    private static MigrationEvent started(String id) {
        return new MigrationEvent.PhaseStarted(ref(id), "fitsync", "split", Action.SPLIT, null, 1, List.of("a"));
    }

    private static MigrationEvent split(String id) {
        return new MigrationEvent.RepoSplit(ref(id), "split", "a", "abc");
    }

    private static MigrationEvent failed(String id) {
        return new MigrationEvent.StepFailed(ref(id), "split", "a", Action.SPLIT, 1, "CONFLICT", "boom", false, null);
    }

    @Test
    void postsTheParentThenRepliesUnderItThenKeepsTheGridCurrent() {
        RunLedger ledger = ledger();
        var courier = new Courier(ledger, sink, backoff);
        ledger.accept(started("e1"));

        assertThat(courier.drain()).isZero();
        ledger.accept(split("e2"));
        assertThat(courier.drain()).isZero();

        assertThat(sink.calls)
                .extracting(FakeSink.Call::method, FakeSink.Call::channel, FakeSink.Call::threadTs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("post", "#m", null),
                        org.assertj.core.groups.Tuple.tuple("reply", "#m", "100.1"),
                        org.assertj.core.groups.Tuple.tuple("update", "#m", "100.1"));
        assertThat(sink.calls.get(0).key()).isEqualTo("run:m-1");
        assertThat(sink.calls.get(0).text()).contains("a        running");
        assertThat(sink.calls.get(1).text()).isEqualTo("Phase *split* (split) started for 1 services");
        assertThat(sink.calls.get(2).text()).contains("a        done");
        assertThat(store.saved.get("m-1").hasWork()).isFalse();
    }

    @Test
    void anOutageDelaysMessagesAndLosesNone() {
        RunLedger ledger = ledger();
        var courier = new Courier(ledger, sink, backoff);
        ledger.accept(started("e1"));
        sink.failNext(new ChatFailure(ChatFailure.Kind.UNAVAILABLE, "HTTP 503"));
        sink.failNext(new ChatFailure(ChatFailure.Kind.UNAVAILABLE, "HTTP 503"));

        assertThat(courier.drain()).isEqualTo(Duration.ofSeconds(1));
        assertThat(courier.drain()).isEqualTo(Duration.ofSeconds(2));
        assertThat(sink.calls).isEmpty();
        assertThat(courier.drain()).isZero();

        assertThat(sink.methods()).containsExactly("post", "reply");
        assertThat(store.saved.get("m-1").hasWork()).isFalse();
    }

    @Test
    void aRateLimitWaitsAsLongAsSlackAsked() {
        RunLedger ledger = ledger();
        var courier = new Courier(ledger, sink, backoff);
        ledger.accept(started("e1"));
        sink.failNext(new ChatFailure(ChatFailure.Kind.RATE_LIMITED, "429", Duration.ofSeconds(30), null));

        assertThat(courier.drain()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aMessageRefusedForGoodIsSkippedAndTheRestStillGoOut() {
        RunLedger ledger = ledger();
        var courier = new Courier(ledger, sink, backoff);
        sink.refuse("#alerts");
        ledger.accept(started("e1"));
        ledger.accept(failed("e2"));

        assertThat(courier.drain()).isZero();

        assertThat(sink.calls)
                .extracting(FakeSink.Call::method, FakeSink.Call::channel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("post", "#m"),
                        org.assertj.core.groups.Tuple.tuple("reply", "#m"),
                        org.assertj.core.groups.Tuple.tuple("reply", "#m"));
        assertThat(store.saved.get("m-1").hasWork()).isFalse();
    }

    @Test
    void afterARestartTheFirstStepChecksWhetherItHappenedBeforeTheCrash() {
        RunLedger before = ledger();
        before.accept(started("e1"));
        new Courier(before, sink, backoff).drain();
        before.accept(failed("e2"));
        // The crash: the reply of e2 reached Slack, but its delivery was never marked done.
        var pending = store.saved.get("m-1").pending().getFirst();
        sink.reply(store.saved.get("m-1").threads().getFirst().parent(), pending.text(), pending.id());
        sink.calls.clear();

        RunLedger after = ledger();
        new Courier(after, sink, backoff).drain();

        assertThat(sink.methods()).containsExactly("find", "post", "update");
        assertThat(sink.calls.get(1).channel()).isEqualTo("#alerts");
        assertThat(store.saved.get("m-1").hasWork()).isFalse();
    }

    @Test
    void aRedeliveredEventIsNotPostedAgain() {
        RunLedger ledger = ledger();
        var courier = new Courier(ledger, sink, backoff);

        assertThat(ledger.accept(started("e1"))).isTrue();
        courier.drain();
        assertThat(ledger.accept(started("e1"))).isFalse();
        courier.drain();

        assertThat(sink.methods()).containsExactly("post", "reply");
    }

    @Test
    void theCheckStaysWithTheUncertainMessageWhenAnEarlierEventArrivesAfterTheRestart() {
        RunLedger before = ledger();
        before.accept(started("e1"));
        new Courier(before, sink, backoff).drain();
        var late = new EventRef("e3", "m-1", Instant.EPOCH.plusSeconds(30));
        before.accept(
                new MigrationEvent.StepFailed(late, "split", "a", Action.SPLIT, 1, "CONFLICT", "boom", false, null));
        var inFlight = store.saved.get("m-1").pending().getFirst();
        sink.reply(store.saved.get("m-1").threads().getFirst().parent(), inFlight.text(), inFlight.id());
        sink.calls.clear();

        RunLedger after = ledger();
        var early = new EventRef("e2", "m-1", Instant.EPOCH.plusSeconds(20));
        after.accept(new MigrationEvent.PhaseStarted(early, "fitsync", "build", Action.BUILD, null, 1, List.of("a")));
        new Courier(after, sink, backoff).drain();

        assertThat(sink.calls)
                .extracting(FakeSink.Call::method, FakeSink.Call::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reply", "e2#0"),
                        org.assertj.core.groups.Tuple.tuple("find", "e3#0"),
                        org.assertj.core.groups.Tuple.tuple("post", "e3#0-alert"),
                        org.assertj.core.groups.Tuple.tuple("update", null));
    }
}
