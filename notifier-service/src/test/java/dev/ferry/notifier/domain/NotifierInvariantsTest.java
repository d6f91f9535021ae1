package dev.ferry.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants over any order of a run's events, with Kafka's redeliveries mixed in. */
class NotifierInvariantsTest {

    private static final List<MigrationEvent> RUN = run();

    private final Notifier notifier =
            new Notifier(new Routing("#m", Optional.of("#alerts"), Map.of()), MessageTemplates.defaults());

    private static List<MigrationEvent> run() {
        var e = new Events("m-p");
        return List.of(
                e.phase("split", Action.SPLIT, null, "a", "b", "c"),
                e.split("a"),
                e.split("b"),
                e.split("c"),
                e.completed("split", null, List.of("a", "b", "c"), List.of()),
                e.phase("build", Action.BUILD, null, "a", "b", "c"),
                e.pushed("a"),
                e.failed("build", "b", "no Dockerfile"),
                e.pushed("c"),
                e.phase("gate", Action.GATE, "prod", "a", "c"),
                e.phase("rollback", Action.ROLLBACK, "prod", "a"),
                e.synced("rollback", "a", "prod", true),
                e.rejected(),
                e.finished());
    }

    @Provide
    Arbitrary<List<MigrationEvent>> deliveries() {
        Arbitrary<List<MigrationEvent>> redelivered = Arbitraries.of(RUN).list().ofMaxSize(10);
        return redelivered.flatMap(extra -> {
            var all = new ArrayList<>(RUN);
            all.addAll(extra);
            return Arbitraries.shuffle(all);
        });
    }

    private RunState take(List<MigrationEvent> events) {
        RunState state = RunState.start("m-p");
        for (MigrationEvent event : events) {
            state = notifier.accept(state, event);
        }
        return state;
    }

    @Property(tries = 300)
    void everyEventIsAnnouncedExactlyOnceWhateverTheOrderAndRedeliveries(
            @ForAll("deliveries") List<MigrationEvent> events) {
        Set<String> inOrder = take(RUN).pending().stream().map(Delivery::id).collect(Collectors.toSet());

        List<String> ids = take(events).pending().stream().map(Delivery::id).toList();

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids)).isEqualTo(inOrder);
    }

    @Property(tries = 300)
    void aServiceWithAResultIsNeverShownAsStillRunning(@ForAll("deliveries") List<MigrationEvent> events) {
        RunBoard board = take(events).board();

        assertThat(board.status("split", "a")).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(board.status("split", "b")).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(board.status("build", "b")).isEqualTo(CellStatus.FAILED);
        assertThat(board.status("build", "c")).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(board.status("rollback", "a")).isEqualTo(CellStatus.ROLLED_BACK);
        assertThat(board.outcome()).isEqualTo("succeeded");
    }

    @Property(tries = 300)
    void messagesWaitingTogetherAreInTheOrderTheirEventsHappened(@ForAll("deliveries") List<MigrationEvent> events) {
        List<java.time.Instant> times =
                take(events).pending().stream().map(Delivery::occurredAt).toList();

        assertThat(times).isSorted();
    }
}
