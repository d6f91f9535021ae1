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

    private final RunLedger ledger;
    private final Courier courier;
    private volatile Thread thread;

    public DispatchLoop(RunLedger ledger, Courier courier) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.courier = Objects.requireNonNull(courier, "courier");
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("notifier-courier").daemon().start(this::run);
        }
    }

    public synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Duration wait = courier.drain();
                if (wait.isZero()) {
                    ledger.awaitWork(IDLE_WAIT_MILLIS);
                } else {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A bug or a store outage: keep the thread alive, the state still says what is left to post.
                log.error("courier round failed, trying again in 1s", e);
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
