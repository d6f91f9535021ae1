package dev.ferry.plan.yaml;

import dev.ferry.plan.DurationText;
import dev.ferry.plan.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A {@code retry} section as written ({@code defaults.retry} or a phase's own), absent fields null. Values that are
 * out of range are reported where they are written and left out, so the resolved policy is always valid.
 */
record RetryFields(Integer attempts, Duration backoff, Double multiplier, Duration maxBackoff, Node node, String path) {

    static final List<String> FIELDS = List.of("attempts", "backoff", "multiplier", "maxBackoff");
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);
    static final double DEFAULT_MULTIPLIER = 2;
    static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

    static RetryFields none() {
        return new RetryFields(null, null, null, null, null, null);
    }

    static RetryFields read(YamlMap map) {
        map.allowOnly(FIELDS);
        Problems problems = map.problems();
        Integer attempts = map.integer("attempts").orElse(null);
        if (attempts != null && attempts < 1) {
            problems.add(
                    map.value("attempts").orElseThrow(),
                    map.path("attempts"),
                    "must be at least 1 (the first try counts), was " + attempts);
            attempts = null;
        }
        Double multiplier = map.number("multiplier").orElse(null);
        if (multiplier != null && multiplier < 1) {
            problems.add(
                    map.value("multiplier").orElseThrow(),
                    map.path("multiplier"),
                    "must be at least 1 so that pauses never shrink, was " + multiplier);
            multiplier = null;
        }
        return new RetryFields(
                attempts,
                map.duration("backoff").orElse(null),
                multiplier,
                map.duration("maxBackoff").orElse(null),
                map.node(),
                map.path());
    }

    RetryFields over(RetryFields base) {
        return new RetryFields(
                attempts != null ? attempts : base.attempts,
                backoff != null ? backoff : base.backoff,
                multiplier != null ? multiplier : base.multiplier,
                maxBackoff != null ? maxBackoff : base.maxBackoff,
                node != null ? node : base.node,
                path != null ? path : base.path);
    }

    /** Reports a pause cap below the first pause, which would make the backoff meaningless. */
    void check(Problems problems) {
        if (backoff != null && maxBackoff != null && maxBackoff.compareTo(backoff) < 0) {
            problems.add(
                    node,
                    path,
                    "maxBackoff " + DurationText.format(maxBackoff) + " is shorter than backoff "
                            + DurationText.format(backoff) + "; raise maxBackoff or lower backoff");
        }
    }

    /** No section anywhere: one attempt. Otherwise 10s first pause, doubling, at most 5m (or the backoff if longer). */
    RetryPolicy resolve() {
        if (attempts == null && backoff == null && multiplier == null && maxBackoff == null) {
            return RetryPolicy.none();
        }
        Duration first = backoff == null ? DEFAULT_BACKOFF : backoff;
        Duration cap = maxBackoff != null
                ? maxBackoff
                : (first.compareTo(DEFAULT_MAX_BACKOFF) > 0 ? first : DEFAULT_MAX_BACKOFF);
        return new RetryPolicy(
                attempts == null ? 1 : attempts,
                first,
                multiplier == null ? DEFAULT_MULTIPLIER : multiplier,
                cap.compareTo(first) < 0 ? first : cap);
    }
}
