package dev.ferry.data.domain;

import java.util.Arrays;

/**
 * Which transactions a PostgreSQL snapshot sees ({@code pg_current_snapshot()}, {@code xmin:xmax:xip,...}): those
 * that ended before it was taken. A stream held before the first change of a transaction this snapshot does not see
 * holds exactly what the snapshot sees. Transaction ids are compared as the log carries them, 32 bits wide and modulo
 * 2^32.
 */
public record TxSnapshot(long xmax, long[] inProgress) {

    public TxSnapshot {
        inProgress = inProgress.clone();
    }

    /** Reads {@code pg_current_snapshot()}'s text. */
    public static TxSnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a snapshot: " + text);
        }
        long[] running = parts[2].isEmpty()
                ? new long[0]
                : Arrays.stream(parts[2].split(","))
                        .mapToLong(Long::parseLong)
                        .map(TxSnapshot::low32)
                        .toArray();
        return new TxSnapshot(low32(Long.parseLong(parts[1])), running);
    }

    /** Whether the snapshot sees the changes of the transaction with this (32-bit) id. */
    public boolean sees(long transactionId) {
        long xid = low32(transactionId);
        if ((int) (xid - xmax) >= 0) {
            return false;
        }
        return Arrays.stream(inProgress).noneMatch(running -> running == xid);
    }

    private static long low32(long xid) {
        return xid & 0xFFFFFFFFL;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TxSnapshot snapshot
                && snapshot.xmax == xmax
                && Arrays.equals(snapshot.inProgress, inProgress);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(xmax) * 31 + Arrays.hashCode(inProgress);
    }

    @Override
    public String toString() {
        return "TxSnapshot[xmax=" + xmax + ", inProgress=" + Arrays.toString(inProgress) + "]";
    }
}
