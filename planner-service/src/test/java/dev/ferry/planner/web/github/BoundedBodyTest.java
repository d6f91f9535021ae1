package dev.ferry.planner.web.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private static final Duration READ_TIME = Duration.ofSeconds(30);
    private static final byte[] BODY = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsABodyOfDeclaredLength() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), BODY.length, 1024, READ_TIME))
                .hasValue(BODY);
    }

    @Test
    void readsABodyOfExactlyTheLimit() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), BODY.length, BODY.length, READ_TIME))
                .hasValue(BODY);
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), -1, BODY.length, READ_TIME))
                .hasValue(BODY);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() throws IOException {
        var body = new FillerStream(2048);

        assertThat(BoundedBody.read(body, 2048, 1024, READ_TIME)).isEmpty();
        assertThat(body.produced()).isZero();
    }

    @Test
    void readsAChunkedBodyWithinTheLimit() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), -1, 1024, READ_TIME))
                .hasValue(BODY);
    }

    @Test
    void stopsReadingAChunkedBodySoonAfterTheLimit() throws IOException {
        var body = new FillerStream(Long.MAX_VALUE);

        assertThat(BoundedBody.read(body, -1, 100_000, READ_TIME)).isEmpty();
        assertThat(body.produced()).isBetween(100_001L, 100_000L + 64 * 1024);
    }

    @Test
    void returnsWhatArrivedWhenABodyIsShorterThanDeclared() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), BODY.length + 10L, 1024, READ_TIME))
                .hasValue(BODY);
    }

    @Test
    void dropsABodyThatTricklesInPastTheReadTime() {
        // One byte at a time, 20 ms apart: a sender keeping a connection open as long as it can.
        InputStream trickle = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                buffer[offset] = (byte) read();
                return 1;
            }
        };

        assertThatThrownBy(() -> BoundedBody.read(trickle, 25_000_000, 25_000_000, Duration.ofMillis(200)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not arrive within 200 ms");
    }
}
