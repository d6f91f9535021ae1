package dev.ferry.deploy.domain.check;

import dev.ferry.plan.action.SmokeCheck;
import java.time.Duration;

/** Sends one smoke check's HTTP request and says what came back. */
public interface SmokeProbe {

    /**
     * @param url the check's URL for this service and environment
     * @return the answer; a request that got no answer (refused, timed out) is an answer with status 0 and the reason
     */
    Answer ask(SmokeCheck check, String url, Duration timeout);

    /**
     * What a server answered.
     *
     * @param status the HTTP status, 0 when there was no answer
     * @param body the start of the body (or the reason there was no answer), for the report
     * @param bodyMatches whether the body matched the check's {@code contains} or JSON path (true when it has none)
     */
    record Answer(int status, String body, boolean bodyMatches) {

        @Override
        public String toString() {
            return (status == 0 ? "no answer" : "HTTP " + status) + (body.isEmpty() ? "" : ": " + body);
        }
    }
}
