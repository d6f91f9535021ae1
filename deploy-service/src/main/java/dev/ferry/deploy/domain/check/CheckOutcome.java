package dev.ferry.deploy.domain.check;

import dev.ferry.plan.action.SmokeCheck;

/**
 * One smoke check after the checks ran: whether it passed, and the last answer it got.
 *
 * @param attempts how many requests it took
 */
public record CheckOutcome(SmokeCheck check, String url, boolean passed, SmokeProbe.Answer lastAnswer, int attempts) {

    @Override
    public String toString() {
        return check.name() + " " + (passed ? "passed" : "FAILED") + " (" + check.method() + " " + url + ", expected "
                + check.status() + ", last answer " + lastAnswer + ", " + attempts + " attempt(s))";
    }
}
