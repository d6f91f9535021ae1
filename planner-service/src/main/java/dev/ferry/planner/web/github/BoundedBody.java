package dev.ferry.planner.web.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a request body into memory without ever holding more than the limit: a declared length over it is refused
 * before the first byte is read, and a chunked body is cut off as soon as it passes the limit.
 */
final class BoundedBody {

    private static final int CHUNK = 64 * 1024;

    private BoundedBody() {}

    /**
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     * @return the body, or empty when it is longer than {@code limit}
     */
    static Optional<byte[]> read(InputStream in, long declaredLength, int limit) throws IOException {
        if (declaredLength > limit) {
            return Optional.empty();
        }
        return declaredLength >= 0 ? Optional.of(readDeclared(in, (int) declaredLength)) : readChunked(in, limit);
    }

    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        // One array of the declared size: no growing copies for the common, length-declared delivery.
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
    }

    private static Optional<byte[]> readChunked(InputStream in, int limit) throws IOException {
        var body = new ByteArrayOutputStream(Math.min(limit, CHUNK));
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
            total += read;
            if (total > limit) {
                return Optional.empty();
            }
            body.write(chunk, 0, read);
        }
        return Optional.of(body.toByteArray());
    }
}
