package dev.ferry.deploy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.check.CheckOutcome;
import dev.ferry.deploy.domain.check.SmokeChecks;
import dev.ferry.plan.action.SmokeCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Smoke checks against a real HTTP server on localhost. */
class SmokeChecksTest {

    private final SmokeServer server = new SmokeServer();
    private final SmokeChecks checks =
            new SmokeChecks(new HttpSmokeProbe(), Clock.systemUTC(), Thread::sleep, Duration.ofMillis(50));

    @AfterEach
    void stop() {
        server.close();
    }

    private SmokeCheck check(String name, String line) {
        return SmokeCheck.parse(name, line.replace("URL", server.url("")));
    }

    @Test
    void passesWhenTheStatusAndTheJsonPathMatch() {
        server.answer("/health", 200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"state\":\"ok\"}]}");

        List<CheckOutcome> outcomes = checks.run(
                List.of(
                        check("health", "GET URL/health 200 json $.status=UP"),
                        check("db", "URL/health json $.checks[0].state=ok")),
                "user-service",
                "dev",
                Duration.ofSeconds(5));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.passed()).isTrue());
        assertThat(outcomes.getFirst().lastAnswer().status()).isEqualTo(200);
    }

    @Test
    void retriesUntilTheServiceAnswersAsExpected() throws Exception {
        server.answer("/ready", 503, "warming up");
        var later = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.answer("/ready", 200, "ready: yes");
        });

        List<CheckOutcome> outcomes = checks.run(
                List.of(check("ready", "URL/ready 200 contains ready: yes")),
                "user-service",
                "dev",
                Duration.ofSeconds(10));
        later.join();

        assertThat(outcomes.getFirst().passed()).isTrue();
        assertThat(outcomes.getFirst().attempts()).isGreaterThan(1);
    }

    @Test
    void failsAfterTheDeadlineListingEachCheckWithItsLastAnswer() {
        server.answer("/health", 200, "{\"status\":\"UP\"}").answer("/orders", 500, "database is down");

        assertThatThrownBy(() -> checks.run(
                        List.of(check("health", "URL/health json $.status=UP"), check("orders", "URL/orders 200")),
                        "order-service",
                        "staging",
                        Duration.ofSeconds(2)))
                .isInstanceOf(StepFailure.class)
                .satisfies(e -> assertThat(((StepFailure) e).retryable()).isFalse())
                .hasMessageContaining("smoke checks of order-service in staging failed")
                .hasMessageContaining("health passed")
                .hasMessageContaining("orders FAILED (GET " + server.url("/orders")
                        + ", expected 200, last answer HTTP 500: database is down");
        assertThat(server.requests("/orders")).isGreaterThan(1);
        assertThat(server.requests("/health"))
                .as("a passed check is not asked again")
                .isEqualTo(1);
    }

    @Test
    void aJsonValueThatDiffersFailsTheCheck() {
        server.answer("/health", 200, "{\"status\":\"DOWN\"}");

        assertThatThrownBy(() -> checks.run(
                        List.of(check("health", "URL/health json $.status=UP")), "a", "dev", Duration.ofMillis(200)))
                .hasMessageContaining("health FAILED")
                .hasMessageContaining("last answer HTTP 200: {\"status\":\"DOWN\"}");
    }

    @Test
    void aServerThatDoesNotAnswerIsReportedAsNoAnswer() {
        String closed = server.url("/health");
        server.close();

        assertThatThrownBy(() ->
                        checks.run(List.of(SmokeCheck.parse("health", closed)), "a", "dev", Duration.ofMillis(200)))
                .hasMessageContaining("last answer no answer: ConnectException");
    }
}
