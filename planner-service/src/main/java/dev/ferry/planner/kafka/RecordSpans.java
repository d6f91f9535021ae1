package dev.ferry.planner.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The planner's spans of the records it publishes and reads, with the W3C {@code traceparent} in the records' headers.
 *
 * <ul>
 *   <li>Each record the outbox relay publishes starts a trace: the worker that takes a {@code phase.started} on
 *       continues it, and so does the planner reading the answer, so one step is one trace across the services. The
 *       relay runs on its own thread, outside any request, hence a new trace rather than the one of the event that
 *       made the planner write the row.
 *   <li>Each record of a poll the planner handles continues the trace its sender put in the headers: a batch listener
 *       gets no span from its container.
 * </ul>
 *
 * <p>Spans straight from the tracer rather than Micrometer observations: an observation also times the record and
 * publishes observation events, which cost the planner a fifth of its throughput in a 2,000-service burst
 * (bench/planner), for meters Kafka's client metrics already give.
 */
public final class RecordSpans {

    private static final Propagator.Setter<Headers> WRITE_HEADER =
            (headers, key, value) -> headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));
    private static final Propagator.Getter<Headers> READ_HEADER = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordSpans(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No spans, no headers: for a planner without tracing. */
    public static RecordSpans none() {
        return new RecordSpans(Tracer.NOOP, Propagator.NOOP);
    }

    /** Sends the record within a new trace's span, whose context is written into the record's headers first. */
    public void send(ProducerRecord<String, byte[]> record, Runnable send) {
        Span span = tracer.spanBuilder()
                .setNoParent()
                .kind(Span.Kind.PRODUCER)
                .name(record.topic() + " send")
                .start();
        propagator.inject(span.context(), record.headers(), WRITE_HEADER);
        within(span, send);
    }

    /** Handles the record within a span continuing its sender's trace. */
    public void received(ConsumerRecord<?, ?> record, Runnable handle) {
        Span span = propagator
                .extract(record.headers(), READ_HEADER)
                .kind(Span.Kind.CONSUMER)
                .name(record.topic() + " receive")
                .start();
        within(span, handle);
    }

    /** Runs the work with the span current (log lines carry its ids), and ends the span, failed if the work failed. */
    private void within(Span span, Runnable work) {
        Tracer.SpanInScope scope = tracer.withSpan(span);
        try {
            work.run();
        } catch (RuntimeException failure) {
            span.error(failure);
            throw failure;
        } finally {
            scope.close();
            span.end();
        }
    }
}
