package dev.ferry.data.debezium;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stream held at a marker: everything the source committed before the marker is in the target, nothing after it,
 * until the hold is closed. A cutover ends the stream at the hold instead ({@link #stopHere}).
 */
public final class Hold implements AutoCloseable {

    private final String token;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean stop;
    private volatile String position;

    Hold(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    /** The source position of the marker. */
    public String position() {
        return position;
    }

    void reachedAt(String markerPosition) {
        position = markerPosition;
        reached.countDown();
    }

    boolean awaitReached(long millis) throws InterruptedException {
        return reached.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Blocks the stream until the hold is released; true when the stream is to end here. */
    boolean awaitRelease() throws InterruptedException {
        released.await();
        return stop;
    }

    /** Ends the stream at the marker: nothing after it is applied. */
    public void stopHere() {
        stop = true;
        released.countDown();
    }

    @Override
    public void close() {
        released.countDown();
    }
}
