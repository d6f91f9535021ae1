package dev.ferry.demo;

import static org.assertj.core.api.Assertions.fail;

import dev.ferry.cli.kafka.KafkaCommandBus;
import dev.ferry.cli.kafka.RunEventReader;
import dev.ferry.cli.ops.CommandRecords;
import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.AbortMigration;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * Runs a plan on Ferry's embedded services as an operator would: starts it on the command topic, approves the gates
 * it is told to, follows the run's events until every step of one phase reported, then aborts the run. A step that
 * fails, or a run that ends early, fails the test with what happened; {@link #runToEnd} follows a run meant to fail.
 */
final class PlanRuns {

    private static final List<Topic<?>> FOLLOWED = List.of(
            Topics.PHASE_STARTED,
            Topics.REPO_SPLIT,
            Topics.STEP_SUCCEEDED,
            Topics.IMAGE_PUSHED,
            Topics.DEPLOY_SYNCED,
            Topics.STEP_FAILED,
            Topics.STEP_PROGRESS,
            Topics.PHASE_COMPLETED,
            Topics.COMMAND_REJECTED,
            Topics.MIGRATION_FINISHED);

    /** What one run published up to the end of the phase it was followed to. */
    record Run(String migration, List<SpecificRecord> records) {
        <T> List<T> of(Class<T> type) {
            return records.stream().filter(type::isInstance).map(type::cast).toList();
        }

        Map<String, String> outputs(String phase, String service) {
            return of(StepSucceeded.class).stream()
                    .filter(step ->
                            step.getPhase().equals(phase) && step.getService().equals(service))
                    .findFirst()
                    .map(StepSucceeded::getOutputs)
                    .orElseThrow(() -> new AssertionError("no " + phase + " step succeeded for " + service));
        }
    }

    private final String bootstrapServers;
    private final String statusApi;
    private final Duration timeout;

    /** @param statusApi the planner's {@code /migrations/} URL, to show the run's state when it times out */
    PlanRuns(String bootstrapServers, String statusApi, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.statusApi = statusApi;
        this.timeout = timeout;
    }

    /**
     * @param approve the gates a person approves as soon as they wait
     * @param lastPhase the phase whose steps end the run: {@code steps} of them reported (the image pushed for a
     *     build, {@code step.succeeded} for other actions)
     * @param onPhase told of every {@code phase.started}, as the worker it is for would be
     */
    Run run(
            String plan,
            String planName,
            Set<String> approve,
            String lastPhase,
            int steps,
            Consumer<PhaseStarted> onPhase) {
        Predicate<SpecificRecord> reported = event -> switch (event) {
            case ImagePushed pushed -> pushed.getPhase().equals(lastPhase);
            case StepSucceeded succeeded -> succeeded.getPhase().equals(lastPhase);
            default -> false;
        };
        return follow(
                plan,
                planName,
                approve,
                onPhase,
                records -> records.stream().filter(reported).count() >= steps,
                "not every step of phase " + lastPhase + " reported",
                true);
    }

    /** Follows a run that is expected to fail until the planner finishes it; failed steps are part of what it returns. */
    Run runToEnd(String plan, String planName, Set<String> approve) {
        return runToEnd(plan, planName, approve, started -> {});
    }

    /** As {@link #runToEnd(String, String, Set)}, telling {@code onPhase} of every {@code phase.started}. */
    Run runToEnd(String plan, String planName, Set<String> approve, Consumer<PhaseStarted> onPhase) {
        return follow(
                plan,
                planName,
                approve,
                onPhase,
                records -> records.stream().anyMatch(MigrationFinished.class::isInstance),
                "the run did not finish",
                false);
    }

    private Run follow(
            String plan,
            String planName,
            Set<String> approve,
            Consumer<PhaseStarted> onPhase,
            Predicate<List<SpecificRecord>> done,
            String notDone,
            boolean mustSucceed) {
        String migration = UUID.randomUUID().toString();
        var commands = CommandRecords.issuedBy(new Actor("e2e-operator", "cli"), Clock.systemUTC());
        var records = new ArrayList<SpecificRecord>();
        try (var bus = KafkaCommandBus.at(bootstrapServers);
                var events = RunEventReader.openAtEnd(bootstrapServers, FOLLOWED)) {
            bus.publish(
                    commands.command(migration, new StartMigration(plan, planName, Map.of()), "e2e"), Duration.ZERO);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records)) {
                if (System.nanoTime() > deadline) {
                    fail(
                            "%s within %s; events: %s; the planner's status: %s",
                            notDone, timeout, summary(records), get(statusApi + migration));
                }
                for (SpecificRecord event : events.poll(migration, Duration.ofMillis(200))) {
                    records.add(event);
                    switch (event) {
                        case StepFailed failed
                        when mustSucceed ->
                            fail("%s of %s failed: %s", failed.getPhase(), failed.getService(), failed.getReason());
                        case MigrationFinished finished
                        when mustSucceed -> fail("the run finished early: %s", finished);
                        case PhaseStarted started -> {
                            if (approve.contains(started.getPhase())) {
                                bus.publish(
                                        commands.command(
                                                migration,
                                                new ApprovePhase(started.getPhase(), started.getEnvironment(), null),
                                                "checked by the test"),
                                        Duration.ZERO);
                            }
                            onPhase.accept(started);
                        }
                        default -> {}
                    }
                }
            }
            if (mustSucceed) {
                bus.publish(commands.command(migration, new AbortMigration(), "e2e done"), Duration.ZERO);
            }
        }
        return new Run(migration, records);
    }

    private static String summary(List<SpecificRecord> records) {
        return records.stream()
                .map(record -> switch (record) {
                    case PhaseStarted started -> "PhaseStarted(" + started.getPhase() + ")";
                    case PhaseCompleted completed -> "PhaseCompleted(" + completed.getPhase() + ")";
                    default -> record.getSchema().getName();
                })
                .toList()
                .toString();
    }

    /** The body of a GET, or what made it unreadable (for a failing test's message). */
    static String get(String url) {
        try {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }
}
