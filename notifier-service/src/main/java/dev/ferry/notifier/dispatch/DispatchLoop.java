package dev.ferry.notifier.dispatch;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The courier's own thread: posting runs apart from consuming, so a slow or absent chat service delays notifications
 * but never holds up the event listener.
 */
public final class DispatchLoop {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
    private static final long IDLE_WAIT_MILLIS = 1_000;
    /** How long a stop lets the step in hand (one chat call, one save) finish; the chat calls time out in 10 s. */
    private static final Duration STEP_GRACE = Duration.ofSeconds(15);

    private final RunLedger ledger;
    private final Courier courier;
    private final Object pause = new Object();
    private volatile Thread thread;
    private volatile boolean stopping;

    public DispatchLoop(RunLedger ledger, Courier courier) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.courier = Objects.requireNonNull(courier, "courier");
    }

    public synchronized void start() {
        if (thread == null) {
            stopping = false;
            thread = Thread.ofPlatform().name("notifier-courier").daemon().start(this::run);
        }
    }

    /**
     * Stops between two steps, never inside one: a message the sink took is saved as posted before the thread ends.
     * Interrupting a step between the post and its save would leave the state saying "not posted yet", and the next
     * start would post the message a second time. Only a step that outlasts {@link #STEP_GRACE} is interrupted.
     */
    public synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running == null) {
            return;
        }
        stopping = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        try {
            running.join(STEP_GRACE);
            if (running.isAlive()) {
                log.warn("the courier's step did not end within {}; interrupting it", STEP_GRACE);
                running.interrupt();
                running.join(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                Duration wait = courier.drain(() -> stopping);
                if (wait.isZero()) {
                    ledger.awaitWork(IDLE_WAIT_MILLIS);
                } else {
                    pauseFor(wait.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A bug or a store outage: keep the thread alive, the state still says what is left to post.
                log.error("courier round failed, trying again in 1s", e);
                try {
                    pauseFor(IDLE_WAIT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Sleeps, but wakes at once when a stop is asked for. */
    private void pauseFor(long millis) throws InterruptedException {
        synchronized (pause) {
            if (!stopping) {
                pause.wait(millis);
            }
        }
    }
}
