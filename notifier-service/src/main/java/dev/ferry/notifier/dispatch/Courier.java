package dev.ferry.notifier.dispatch;

import dev.ferry.notifier.domain.Backoff;
import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.ChatThread;
import dev.ferry.notifier.domain.Delivery;
import dev.ferry.notifier.domain.GridText;
import dev.ferry.notifier.domain.MessageRef;
import dev.ferry.notifier.domain.NextStep;
import dev.ferry.notifier.domain.RunState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Posts what the runs' states say is still to post, one step at a time, saving each step as soon as the sink confirmed
 * it. A step that fails in a way worth retrying stops the round and says how long to wait; nothing is dropped. A step
 * the sink refuses for good is logged and skipped, so one bad channel cannot hold every other message back.
 */
public final class Courier {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private final RunLedger ledger;
    private final ChatSink sink;
    private final Backoff backoff;
    private int failuresInARow;

    public Courier(RunLedger ledger, ChatSink sink, Backoff backoff) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** Works through every run with work; returns zero when all is posted, else the wait before trying again. */
    public Duration drain() {
        return drain(() -> false);
    }

    /**
     * {@link #drain()}, ending early, between two steps, once {@code stopRequested} says so (a step is a chat call and
     * the save of its result: it is never left half done).
     */
    public Duration drain(BooleanSupplier stopRequested) {
        for (String migrationId : ledger.runsWithWork()) {
            if (stopRequested.getAsBoolean()) {
                return Duration.ZERO;
            }
            MDC.put("migrationId", migrationId);
            try {
                drain(migrationId, stopRequested);
            } catch (ChatFailure failure) {
                failuresInARow++;
                Duration wait = backoff.after(failuresInARow, failure);
                log.warn(
                        "chat sink failed, retrying later sink={} kind={} waitMillis={} failuresInARow={} reason=\"{}\"",
                        sink.describe(),
                        failure.kind(),
                        wait.toMillis(),
                        failuresInARow,
                        failure.getMessage());
                return wait;
            } finally {
                MDC.remove("migrationId");
            }
        }
        return Duration.ZERO;
    }

    private void drain(String migrationId, BooleanSupplier stopRequested) {
        for (NextStep step = ledger.get(migrationId).next();
                !(step instanceof NextStep.Nothing) && !stopRequested.getAsBoolean();
                step = ledger.get(migrationId).next()) {
            String stepKey = StepKeys.of(migrationId, step);
            try {
                perform(ledger.get(migrationId), step, ledger.isUncertain(stepKey));
            } catch (ChatFailure failure) {
                if (failure.retryable()) {
                    throw failure;
                }
                skip(migrationId, step, failure);
            } catch (RuntimeException notSaved) {
                // The sink may have taken the message and only its save failed: check before posting it again.
                ledger.markUncertain(stepKey);
                throw notSaved;
            }
            failuresInARow = 0;
            ledger.clearUncertain(stepKey);
        }
    }

    private void perform(RunState state, NextStep step, boolean uncertain) {
        switch (step) {
            case NextStep.OpenThread open -> openThread(state, open.channel(), uncertain);
            case NextStep.Post post -> post(state.migrationId(), post.delivery(), post.thread(), uncertain);
            case NextStep.ShowGrid show -> showGrid(state, show.thread());
            case NextStep.Nothing nothing -> {}
        }
    }

    private void openThread(RunState state, String channel, boolean uncertain) {
        int version = state.board().version();
        String key = StepKeys.parentKey(state.migrationId());
        Optional<MessageRef> earlier = uncertain ? sink.findPosted(channel, null, key) : Optional.empty();
        MessageRef parent = earlier.orElseGet(() -> sink.post(channel, GridText.render(state.board()), key));
        ledger.update(state.migrationId(), s -> s.threadOpened(channel, parent, version));
    }

    private void post(String migrationId, Delivery delivery, MessageRef thread, boolean uncertain) {
        boolean already = uncertain
                && sink.findPosted(delivery.channel(), thread, delivery.id()).isPresent();
        if (!already && thread != null) {
            sink.reply(thread, delivery.text(), delivery.id());
        } else if (!already) {
            sink.post(delivery.channel(), delivery.text(), delivery.id());
        }
        log.info(
                "posted kind={} eventId={} deliveryId={} sink={} alreadyPosted={}",
                delivery.kind(),
                delivery.eventId(),
                delivery.id(),
                sink.describe(),
                already);
        ledger.update(migrationId, s -> s.delivered(delivery.id()));
    }

    private void showGrid(RunState state, ChatThread thread) {
        int version = state.board().version();
        sink.update(thread.parent(), GridText.render(state.board()));
        ledger.update(state.migrationId(), s -> s.gridShown(thread.channel(), version));
    }

    private void skip(String migrationId, NextStep step, ChatFailure failure) {
        log.error(
                "chat sink refused a message for good, skipping it sink={} step={} reason=\"{}\"",
                sink.describe(),
                describe(step),
                failure.getMessage());
        switch (step) {
            case NextStep.OpenThread open -> ledger.update(migrationId, s -> s.abandonChannel(open.channel()));
            case NextStep.Post post ->
                ledger.update(migrationId, s -> s.delivered(post.delivery().id()));
            case NextStep.ShowGrid show ->
                ledger.update(
                        migrationId,
                        s -> s.gridShown(show.thread().channel(), s.board().version()));
            case NextStep.Nothing nothing -> {}
        }
    }

    private static String describe(NextStep step) {
        return switch (step) {
            case NextStep.OpenThread open -> "open-thread channel=" + open.channel();
            case NextStep.Post post ->
                "post deliveryId=" + post.delivery().id() + " channel="
                        + post.delivery().channel();
            case NextStep.ShowGrid show ->
                "update-grid channel=" + show.thread().channel();
            case NextStep.Nothing nothing -> "nothing";
        };
    }
}
