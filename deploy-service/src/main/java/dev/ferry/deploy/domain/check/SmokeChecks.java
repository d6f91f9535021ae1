package dev.ferry.deploy.domain.check;

import dev.ferry.deploy.domain.Pause;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.plan.action.SmokeCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a deploy's smoke checks once the cluster reports it Synced and Healthy: every check is asked again until it
 * passes or the deadline passes (a new version often needs a moment behind its load balancer). Returns every check
 * with its last answer; throws when one never passed.
 */
public final class SmokeChecks {

    private final SmokeProbe probe;
    private final Clock clock;
    private final Pause pause;
    private final Duration interval;

    public SmokeChecks(SmokeProbe probe, Clock clock, Pause pause, Duration interval) {
        this.probe = probe;
        this.clock = clock;
        this.pause = pause;
        this.interval = interval;
    }

    /** @throws StepFailure (not retryable) listing every check with its last answer when one failed */
    public List<CheckOutcome> run(List<SmokeCheck> checks, String service, String environment, Duration deadline) {
        Instant end = clock.instant().plus(deadline);
        Map<SmokeCheck, CheckOutcome> outcomes = new LinkedHashMap<>();
        while (true) {
            for (SmokeCheck check : checks) {
                CheckOutcome before = outcomes.get(check);
                if (before == null || !before.passed()) {
                    outcomes.put(check, ask(check, service, environment, before, timeout(end)));
                }
            }
            boolean allPassed = outcomes.values().stream().allMatch(CheckOutcome::passed);
            if (allPassed || !clock.instant().plus(interval).isBefore(end)) {
                return finish(new ArrayList<>(outcomes.values()), service, environment);
            }
            sleep();
        }
    }

    private CheckOutcome ask(SmokeCheck check, String service, String env, CheckOutcome before, Duration timeout) {
        String url = check.url(service, env);
        SmokeProbe.Answer answer = probe.ask(check, url, timeout);
        boolean passed = answer.status() == check.status() && answer.bodyMatches();
        return new CheckOutcome(check, url, passed, answer, before == null ? 1 : before.attempts() + 1);
    }

    /** Each request may take what is left of the deadline, but no more than ten seconds. */
    private Duration timeout(Instant end) {
        Duration left = Duration.between(clock.instant(), end);
        return left.compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : left.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : left;
    }

    private static List<CheckOutcome> finish(List<CheckOutcome> outcomes, String service, String environment) {
        if (outcomes.stream().allMatch(CheckOutcome::passed)) {
            return outcomes;
        }
        throw new StepFailure(
                StepFailure.Kind.CONFLICT,
                false,
                "smoke checks of " + service + " in " + environment + " failed: "
                        + String.join(
                                "; ",
                                outcomes.stream().map(CheckOutcome::toString).toList()));
    }

    private void sleep() {
        try {
            pause.pause(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure(StepFailure.Kind.INTERNAL, true, "interrupted while running smoke checks", e);
        }
    }
}
