package dev.ferry.planner.web.github;

import java.io.InputStream;
import java.util.Arrays;

/** A body of any length made on the fly, so that tests of large bodies allocate nothing of their size. */
final class FillerStream extends InputStream {

    private final long size;
    private long produced;

    FillerStream(long size) {
        this.size = size;
    }

    long produced() {
        return produced;
    }

    @Override
    public int read() {
        if (produced >= size) {
            return -1;
        }
        produced++;
        return 'x';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (produced >= size) {
            return -1;
        }
        int count = (int) Math.min(length, size - produced);
        Arrays.fill(buffer, offset, offset + count, (byte) 'x');
        produced += count;
        return count;
    }
}
