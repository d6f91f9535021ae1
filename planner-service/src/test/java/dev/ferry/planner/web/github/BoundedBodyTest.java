package dev.ferry.planner.web.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private static final byte[] BODY = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsABodyOfDeclaredLength() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), BODY.length, 1024))
                .hasValue(BODY);
    }

    @Test
    void readsABodyOfExactlyTheLimit() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), BODY.length, BODY.length))
                .hasValue(BODY);
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), -1, BODY.length))
                .hasValue(BODY);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() throws IOException {
        var body = new FillerStream(2048);

        assertThat(BoundedBody.read(body, 2048, 1024)).isEmpty();
        assertThat(body.produced()).isZero();
    }

    @Test
    void readsAChunkedBodyWithinTheLimit() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), -1, 1024)).hasValue(BODY);
    }

    @Test
    void stopsReadingAChunkedBodySoonAfterTheLimit() throws IOException {
        var body = new FillerStream(Long.MAX_VALUE);

        assertThat(BoundedBody.read(body, -1, 100_000)).isEmpty();
        assertThat(body.produced()).isBetween(100_001L, 100_000L + 64 * 1024);
    }

    @Test
    void returnsWhatArrivedWhenABodyIsShorterThanDeclared() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(BODY), BODY.length + 10L, 1024))
                .hasValue(BODY);
    }
}
