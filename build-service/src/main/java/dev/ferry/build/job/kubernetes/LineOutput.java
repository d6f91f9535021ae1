package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.job.JobOutput;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream of a pod's log bytes handed on as whole lines, decoded once a line is complete (so a character split
 * between two chunks stays whole). A line longer than {@link #MAX_LINE} bytes is handed on in pieces: output that never
 * breaks its lines cannot fill memory.
 */
final class LineOutput extends OutputStream {

    static final int MAX_LINE = 64 * 1024;

    private final JobOutput output;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineOutput(JobOutput output) {
        this.output = output;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            handOver();
            return;
        }
        line.write(b);
        if (line.size() >= MAX_LINE) {
            handOver();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Hands on what is left after the last line break: the last line of a log that does not end with one. */
    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            handOver();
        }
    }

    private void handOver() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        output.line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
