package dev.ferry.deploy.traffic;

import java.time.Duration;

/**
 * deploy-service's bounds on a shift's time. The caps are for tests and demos, where a plan's 48 h pause must take
 * seconds: a pause or interval longer than its cap is cut to it. In production they are unset (no cap).
 *
 * @param unreachableLimit how long Prometheus may stay unreachable before the step fails (retryable), leaving the weight
 *     where it is
 */
public record ShiftTiming(Duration longestPause, Duration longestInterval, Duration unreachableLimit) {

    private static final Duration NO_CAP = Duration.ofDays(365_000);

    public ShiftTiming {
        longestPause = longestPause == null ? NO_CAP : longestPause;
        longestInterval = longestInterval == null ? NO_CAP : longestInterval;
        unreachableLimit = unreachableLimit == null ? Duration.ofMinutes(10) : unreachableLimit;
    }

    Duration pause(Duration planned) {
        return planned.compareTo(longestPause) > 0 ? longestPause : planned;
    }

    Duration interval(Duration planned) {
        return planned.compareTo(longestInterval) > 0 ? longestInterval : planned;
    }
}
