package dev.ferry.contracts;

import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** A W3C trace context ({@code traceparent} header, version 00), carried in every record's metadata. */
public record Traceparent(String traceId, String parentId, String flags) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);
    private static final String SAMPLED = "01";

    public Traceparent {
        if (!FORMAT.matcher("00-" + traceId + "-" + parentId + "-" + flags).matches()
                || traceId.equals(INVALID_TRACE)
                || parentId.equals(INVALID_SPAN)) {
            throw new IllegalArgumentException(
                    "not a W3C traceparent: trace id " + traceId + ", parent id " + parentId + ", flags " + flags);
        }
    }

    /** Parses a header value; empty when it is absent or malformed, since a bad trace header must not fail work. */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches()
                || matcher.group(1).equals(INVALID_TRACE)
                || matcher.group(2).equals(INVALID_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(matcher.group(1), matcher.group(2), matcher.group(3)));
    }

    /** Starts a new trace, e.g. for a command a person issued. */
    public static Traceparent newTrace(RandomGenerator random) {
        return new Traceparent(randomHex(random, 16, INVALID_TRACE), randomHex(random, 8, INVALID_SPAN), SAMPLED);
    }

    /** The context of work caused by this one: same trace, new span. */
    public Traceparent child(RandomGenerator random) {
        return new Traceparent(traceId, randomHex(random, 8, INVALID_SPAN), flags);
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    private static String randomHex(RandomGenerator random, int bytes, String invalid) {
        var buffer = new byte[bytes];
        String hex;
        do {
            random.nextBytes(buffer);
            hex = HexFormat.of().formatHex(buffer);
        } while (hex.equals(invalid));
        return hex;
    }
}
