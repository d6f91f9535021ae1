package dev.ferry.deploy.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.manifest.TrafficRoute;
import dev.ferry.plan.action.MetricCondition;
import dev.ferry.plan.action.TrafficStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The shift's workflow against in-memory route files and metrics, on a clock that only the pauses move. */
class TrafficShiftTest {

    private static final String QUERY = "sum(rate(errors[1m])) / sum(rate(requests[1m]))";

    private final MovingClock clock = new MovingClock();
    private final InMemoryRouteFiles files = new InMemoryRouteFiles();
    private final List<String> lines = new ArrayList<>();
    private final List<ShiftProgress> saved = new ArrayList<>();
    private final ShiftTiming timing = new ShiftTiming(null, null, Duration.ofMinutes(5));

    private TrafficShift shift(IntFunction<List<Double>> errorRatioAtWeight) {
        Metrics metrics = query -> errorRatioAtWeight.apply(files.weight);
        return new TrafficShift(
                files,
                metrics,
                (request, line) -> lines.add(line),
                (request, p) -> saved.add(p),
                clock,
                clock::pass,
                timing);
    }

    private static ShiftRequest request(int failuresAllowed) {
        return new ShiftRequest(
                "event-1/auth-service",
                "migration-1",
                "auth-service",
                "production",
                new GitOpsTarget("file:///gitops", "main", Optional.empty()),
                "gateway/auth-route.yaml",
                new TrafficRoute(TrafficRoute.Kind.GATEWAY_API, "auth", "auth-service"),
                List.of(
                        TrafficStep.parse("10% for 10m"),
                        TrafficStep.parse("25% for 5m"),
                        TrafficStep.parse("50% for 5m"),
                        TrafficStep.parse("100%")),
                new Analysis(
                        List.of(new Analysis.Check("errorRatio", QUERY, MetricCondition.parse("< 0.01"))),
                        Duration.ofMinutes(1),
                        failuresAllowed,
                        false));
    }

    @Test
    void commitsEachWeightInOrderAndHoldsItForItsPauseWhileEvaluating() throws InterruptedException {
        ShiftResult result = shift(weight -> List.of(0.001)).run(request(0), Optional.empty());

        assertThat(files.history).containsExactly(10, 25, 50, 100);
        assertThat(result.weight()).isEqualTo(100);
        assertThat(result.commits()).containsExactly("10%=c1", "25%=c2", "50%=c3", "100%=c4");
        assertThat(result.evaluations())
                .extracting(Evaluation::weight)
                .containsExactly(
                        10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 25, 25, 25, 25, 25, 25, 50, 50, 50, 50, 50, 50,
                        100);
        assertThat(result.evaluations()).allMatch(e -> e.verdict() == Evaluation.Verdict.PASS);
        assertThat(result.took()).isEqualTo(Duration.ofMinutes(20));
        assertThat(lines).contains(result.evaluations().getFirst().line());
        assertThat(lines)
                .filteredOn(line -> line.startsWith("set ") || line.startsWith("held "))
                .extracting(line -> line.replaceFirst("; last .*", ""))
                .containsExactly(
                        "set 10% in commit c1",
                        "held 10%: 11 evaluations, 0 failed",
                        "set 25% in commit c2",
                        "held 25%: 6 evaluations, 0 failed",
                        "set 50% in commit c3",
                        "held 50%: 6 evaluations, 0 failed",
                        "set 100% in commit c4",
                        "held 100%: 1 evaluations, 0 failed");
    }

    @Test
    void setsTheWeightBackToZeroAfterTooManyFailuresInARowAndFailsWithTheValues() {
        var failure =
                catchThrowableOfType(StepFailure.class, () -> shift(weight -> List.of(weight >= 25 ? 0.052 : 0.001))
                        .run(request(1), Optional.empty()));

        assertThat(files.history).containsExactly(10, 25, 0);
        assertThat(failure.kind()).isEqualTo(StepFailure.Kind.CONFLICT);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .startsWith("analysis failed at 25% after 2 failed evaluation(s) in a row: ")
                .contains("25% errorRatio=0.0520000 fail (condition < 0.01) [query " + QUERY + ", condition < 0.01]")
                .contains("Traffic set back to 0% in commit c3; rollback time 0 ms from the failed evaluation");
        assertThat(saved.getLast().commits()).endsWith("0%=c3");
    }

    @Test
    void aFailureFollowedByAPassDoesNotCountAsInARow() throws InterruptedException {
        var answers = new ArrayList<>(List.of(0.5, 0.001, 0.5, 0.001));
        ShiftResult result = shift(weight -> List.of(answers.isEmpty() ? 0.001 : answers.removeFirst()))
                .run(request(1), Optional.empty());

        assertThat(files.history).containsExactly(10, 25, 50, 100);
        assertThat(result.evaluations())
                .filteredOn(e -> e.verdict() == Evaluation.Verdict.FAIL)
                .hasSize(2);
    }

    @Test
    void noSeriesFailsUnlessThePlanLetsItPass() {
        var failure = catchThrowableOfType(
                StepFailure.class, () -> shift(weight -> List.of()).run(request(0), Optional.empty()));

        assertThat(failure.getMessage()).contains("10% errorRatio=no data fail (no series)");
        assertThat(files.history).containsExactly(10, 0);
    }

    @Test
    void doesNotAdvanceWhilePrometheusIsUnreachableAndFailsRetryablyKeepingTheWeight() {
        TrafficShift unreachable = new TrafficShift(
                files,
                query -> {
                    throw new MetricsFailure.Unreachable("connection refused", null);
                },
                (request, line) -> lines.add(line),
                (request, p) -> saved.add(p),
                clock,
                clock::pass,
                timing);

        var failure = catchThrowableOfType(StepFailure.class, () -> unreachable.run(request(0), Optional.empty()));

        assertThat(failure.kind()).isEqualTo(StepFailure.Kind.UNREACHABLE);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("held at 10%", "connection refused");
        assertThat(files.history).containsExactly(10);
    }

    @Test
    void aRejectedQueryFailsWithPrometheusErrorAndTheQueryAfterSettingZero() {
        TrafficShift rejected = new TrafficShift(
                files,
                query -> {
                    throw new MetricsFailure.Rejected("bad_data: parse error at char 5");
                },
                (request, line) -> lines.add(line),
                (request, p) -> saved.add(p),
                clock,
                clock::pass,
                timing);

        var failure = catchThrowableOfType(StepFailure.class, () -> rejected.run(request(0), Optional.empty()));

        assertThat(failure.kind()).isEqualTo(StepFailure.Kind.INVALID_INPUT);
        assertThat(failure.getMessage())
                .startsWith("Prometheus rejected query errorRatio (" + QUERY + "): bad_data: parse error at char 5");
        assertThat(files.history).containsExactly(10, 0);
    }

    @Test
    void resumesAtTheSavedStepWithThePausesSavedEnd() throws InterruptedException {
        files.weight = 25;
        var progress = new ShiftProgress(
                1, Optional.of(clock.instant().plus(Duration.ofMinutes(2))), List.of("10%=a"), List.of());

        ShiftResult result = shift(weight -> List.of(0.0)).run(request(0), Optional.of(progress));

        assertThat(files.history).containsExactly(50, 100);
        assertThat(result.evaluations()).filteredOn(e -> e.weight() == 25).hasSize(3);
        assertThat(result.commits()).containsExactly("10%=a", "50%=c1", "100%=c2");
    }

    @Test
    void aShiftStoppedBeforeARestartNeverRaisesTheWeightAgain() {
        files.weight = 25;
        var stopped = new ShiftProgress(1, Optional.of(clock.instant()), List.of("10%=a", "25%=b"), List.of())
                .stopped(new ShiftProgress.Stop("CONFLICT", "analysis failed at 25% after 1 failed evaluation(s). "));

        var failure = catchThrowableOfType(
                StepFailure.class, () -> shift(weight -> List.of(0.0)).run(request(0), Optional.of(stopped)));

        assertThat(files.history).containsExactly(0);
        assertThat(failure.kind()).isEqualTo(StepFailure.Kind.CONFLICT);
        assertThat(failure.getMessage())
                .isEqualTo("analysis failed at 25% after 1 failed evaluation(s). Traffic set back to 0% in commit c1;"
                        + " the rollback time was not measured across the restart.");
    }

    @Test
    void whyAShiftStoppedIsSavedBeforeTheWeightGoesBackToZero() {
        var weightsWhenSaved = new ArrayList<Integer>();
        TrafficShift failing = new TrafficShift(
                files,
                query -> List.of(0.5),
                (request, line) -> lines.add(line),
                (request, p) -> {
                    if (p.stop().isPresent()) {
                        weightsWhenSaved.add(files.weight);
                    }
                },
                clock,
                clock::pass,
                timing);

        catchThrowableOfType(StepFailure.class, () -> failing.run(request(0), Optional.empty()));

        assertThat(weightsWhenSaved).first().isEqualTo(10);
        assertThat(files.history).containsExactly(10, 0);
    }

    @Test
    void aNewShiftStartsAtTheWeightTheFileHolds() throws InterruptedException {
        files.weight = 25;

        shift(weight -> List.of(0.0)).run(request(0), Optional.empty());

        assertThat(files.history).containsExactly(50, 100);
        assertThat(lines.getFirst())
                .isEqualTo("found 25% in HTTPRoute auth (backend auth-service) in"
                        + " gateway/auth-route.yaml; starting at step 2 (25% for 5m)");
    }

    @Test
    void neverLowersAWeightAboveThePhasesLastStep() {
        files.weight = 100;
        var request = request(0);
        var upToHalf = new ShiftRequest(
                request.stepId(),
                request.migrationId(),
                request.service(),
                request.environment(),
                request.target(),
                request.file(),
                request.route(),
                request.steps().subList(0, 3),
                request.analysis());

        var failure = catchThrowableOfType(
                StepFailure.class, () -> shift(weight -> List.of(0.0)).run(upToHalf, Optional.empty()));

        assertThat(failure.getMessage())
                .contains("already sends 100% to the new backend, more than this phase's last" + " step (50% for 5m)");
        assertThat(files.history).isEmpty();
    }

    /** The route file as a number, and the weights written to it in order. */
    private static final class InMemoryRouteFiles implements RouteFiles {
        int weight;
        final List<Integer> history = new ArrayList<>();

        @Override
        public int weight(ShiftRequest request) {
            return weight;
        }

        @Override
        public Optional<String> write(ShiftRequest request, int newWeight) {
            if (newWeight == weight) {
                return Optional.empty();
            }
            weight = newWeight;
            history.add(newWeight);
            return Optional.of("c" + history.size());
        }
    }

    /** A clock that moves only when the shift pauses. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-05T06:00:00Z");

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
