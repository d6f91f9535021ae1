package dev.ferry.planner.web.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a request body into memory, before its signature can be checked, without letting a sender make the planner
 * hold what it has not sent: a declared length over the limit is refused before the first byte is read, the buffer
 * grows only as bytes arrive (a body that declares 25 MB and sends one byte a second holds a few bytes, not 25 MB),
 * a body is cut off as soon as it passes the limit, and one that takes longer than the read time is dropped.
 */
final class BoundedBody {

    private static final int CHUNK = 16 * 1024;
    private static final int FIRST_BUFFER = 8 * 1024;

    private BoundedBody() {}

    /**
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     * @param readTime how long the whole body may take to arrive
     * @return the body, or empty when it is longer than {@code limit}
     * @throws IOException when the body cannot be read, or did not arrive within {@code readTime}
     */
    static Optional<byte[]> read(InputStream in, long declaredLength, int limit, Duration readTime) throws IOException {
        if (declaredLength > limit) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + readTime.toNanos();
        var body = new ByteArrayOutputStream(FIRST_BUFFER);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
            total += read;
            if (total > limit) {
                return Optional.empty();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(
                        "the body did not arrive within " + readTime.toMillis() + " ms (" + total + " bytes so far)");
            }
            body.write(chunk, 0, read);
        }
        return Optional.of(body.toByteArray());
    }
}
