package dev.ferry.data.debezium;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * A stream held at the point a source snapshot sees: the target holds every transaction the snapshot sees and none it
 * does not, until the hold is closed. The stream stops before the first change of a transaction the snapshot does not
 * see, or at a marker written after the snapshot was taken, whichever comes first. A cutover ends the stream at the hold instead ({@link #stopHere}).
 */
public final class Hold implements AutoCloseable {

    private final String token;
    private final LongPredicate seen;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean stop;
    private volatile String position;

    /**
     * @param seen whether the snapshot sees a change, given the change's {@link ChangeRecords.Change#sequence}: a
     *     PostgreSQL transaction id the snapshot sees, or a binlog position before the snapshot's
     */
    Hold(String token, LongPredicate seen) {
        this.token = token;
        this.seen = seen;
    }

    /** Whether the change comes after the point the hold is for. */
    boolean isAfter(Long sequence) {
        return sequence != null && !seen.test(sequence);
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
