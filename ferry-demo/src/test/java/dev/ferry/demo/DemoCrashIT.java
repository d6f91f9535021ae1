package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.demo.sample.SampleService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo migration while each of the five services is stopped and started again once, at a point picked at random
 * from the run's own events (the seed is printed; {@code -Dferry.crash.seed=N} repeats a run). The run must still
 * succeed, and every effect must have happened exactly once: one split repository per service at the SHA a
 * reference split gives, one image per service, one GitOps commit per bump, each notification once.
 */
class DemoCrashIT {

    private static final List<String> SERVICES =
            SampleService.FITSYNC.stream().map(SampleService::name).toList();

    @TempDir
    Path data;

    private ChatStandIn chat;
    private final ExecutorService chaos = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        chaos.shutdownNow();
        chaos.awaitTermination(60, TimeUnit.SECONDS);
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void everyEffectHappensOnceWhileEachServiceRestarts() throws Exception {
        long seed = Long.getLong("ferry.crash.seed", System.nanoTime());
        System.out.println("DemoCrashIT seed " + seed + " (repeat with -Dferry.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        String webhook = startChat();
        var options = new MigrationDemo.Options(
                data.resolve("demo"),
                600,
                Duration.ofMinutes(5),
                null,
                Map.of(FerryService.NOTIFIER, Map.of("ferry.notifier.json-webhook-url", webhook)));
        var narration = new StringWriter();
        List<SpecificRecord> events = new CopyOnWriteArrayList<>();
        Map<FerryService, String> restarted = new ConcurrentHashMap<>();
        Map<FerryService, Boolean> stoppedMidRun = new ConcurrentHashMap<>();
        AtomicBoolean finished = new AtomicBoolean();

        try (var demo = MigrationDemo.start(options, new PrintWriter(narration, true))) {
            var triggers = randomTriggers(random);
            DemoReport report = demo.migrate(event -> {
                events.add(event);
                if (event instanceof MigrationFinished) {
                    finished.set(true);
                }
                for (var trigger : triggers.entrySet()) {
                    FerryService service = trigger.getKey();
                    if (trigger.getValue().test(events) && triggeredOnce(restarted, service, event)) {
                        long downMillis = random.nextInt(1500);
                        chaos.submit(() -> {
                            demo.services().stop(service);
                            stoppedMidRun.put(service, !finished.get());
                            pause(downMillis);
                            demo.services().start(service);
                        });
                    }
                }
            });
            assertThat(report.finished()).get().extracting(f -> f.getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
            chaos.shutdown();
            assertThat(chaos.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            System.out.println(
                    "DemoCrashIT restarts " + restarted + ", stopped before the run ended: " + stoppedMidRun);
            assertThat(stoppedMidRun)
                    .as("every service was stopped while the run went on (narration:%n%s)", narration)
                    .containsOnlyKeys(FerryService.values())
                    .doesNotContainValue(false);
            for (FerryService service : FerryService.values()) {
                assertThat(demo.services().isRunning(service))
                        .as(service + " running again")
                        .isTrue();
            }

            var outputs = new DemoOutputs(demo.layout().root());
            Map<String, String> expectedHeads = ReferenceSplit.heads(demo.layout());
            assertOneRepositoryPerService(outputs, expectedHeads, events);
            assertOneImagePerService(outputs, events, expectedHeads);
            assertOneGitOpsCommitPerBump(outputs, expectedHeads);
            assertEachNotificationOnce();
        }
    }

    /**
     * Per service, the condition on the events seen so far after which it is restarted: somewhere inside the work
     * that service does, chosen by the seed.
     */
    private static Map<FerryService, Predicate<List<SpecificRecord>>> randomTriggers(Random random) {
        Map<FerryService, Predicate<List<SpecificRecord>>> triggers = new EnumMap<>(FerryService.class);
        int splits = 1 + random.nextInt(5);
        int images = 1 + random.nextInt(6);
        int deploys = 1 + random.nextInt(12);
        int phases = 2 + random.nextInt(20);
        int anything = 1 + random.nextInt(40);
        triggers.put(FerryService.REPO, seen -> count(seen, RepoSplit.class) >= splits);
        triggers.put(FerryService.BUILD, seen -> count(seen, ImagePushed.class) >= images);
        triggers.put(FerryService.DEPLOY, seen -> count(seen, DeploySynced.class) >= deploys);
        triggers.put(FerryService.PLANNER, seen -> count(seen, PhaseStarted.class) >= phases);
        triggers.put(FerryService.NOTIFIER, seen -> seen.size() >= anything);
        System.out.printf(
                "DemoCrashIT triggers: repo after %d splits, build after %d images, deploy after %d deploys,"
                        + " planner after %d phase starts, notifier after %d events%n",
                splits, images, deploys, phases, anything);
        return triggers;
    }

    private static long count(List<SpecificRecord> events, Class<?> type) {
        return events.stream().filter(type::isInstance).count();
    }

    private static boolean triggeredOnce(Map<FerryService, String> restarted, FerryService service, SpecificRecord at) {
        return restarted.putIfAbsent(service, at.getClass().getSimpleName()) == null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertOneRepositoryPerService(
            DemoOutputs outputs, Map<String, String> expectedHeads, List<SpecificRecord> events) throws IOException {
        assertThat(outputs.repositoryNames())
                .containsExactlyInAnyOrderElementsOf(
                        SERVICES.stream().map(s -> "fitsync-" + s + ".git").toList());
        for (String service : SERVICES) {
            assertThat(outputs.splitHead(service)).as(service).isEqualTo(expectedHeads.get(service));
            Set<String> reported = events.stream()
                    .filter(RepoSplit.class::isInstance)
                    .map(RepoSplit.class::cast)
                    .filter(s -> s.getService().equals(service))
                    .map(RepoSplit::getTargetCommit)
                    .collect(Collectors.toSet());
            assertThat(reported).as(service + " split commits reported").containsExactly(expectedHeads.get(service));
        }
    }

    private static void assertOneImagePerService(
            DemoOutputs outputs, List<SpecificRecord> events, Map<String, String> expectedHeads) throws IOException {
        assertThat(outputs.imageFiles())
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream()
                        .map(s -> "fitsync_" + s + "-" + expectedHeads.get(s) + ".tar")
                        .toList());
        for (String service : SERVICES) {
            Set<String> digests = events.stream()
                    .filter(ImagePushed.class::isInstance)
                    .map(ImagePushed.class::cast)
                    .filter(i -> i.getService().equals(service))
                    .map(ImagePushed::getDigest)
                    .collect(Collectors.toSet());
            assertThat(digests).as(service + " image digests").hasSize(1);
        }
    }

    private static void assertOneGitOpsCommitPerBump(DemoOutputs outputs, Map<String, String> expectedHeads)
            throws IOException {
        Set<String> bumps = new HashSet<>();
        for (String service : SERVICES) {
            for (String environment : DemoPlan.ENVIRONMENTS) {
                String path = DemoOutputs.valuesPath(environment, service);
                assertThat(outputs.gitopsFile(path))
                        .as(path)
                        .contains("tag: " + service + "-" + expectedHeads.get(service));
                List<String> touching = outputs.gitopsCommitsTouching(path);
                assertThat(touching).as(path + ": the seed commit and one bump").hasSize(2);
                bumps.add(touching.get(0));
            }
        }
        // Nothing but the seed and the bumps (a deploy may bump several services in one commit).
        assertThat(outputs.gitopsCommitCount()).isEqualTo(1 + bumps.size());
    }

    private static boolean announcesTheEnd(JsonNode message) {
        String text = message.path("text").asText();
        return text.contains("succeeded in") && text.contains("Migration *");
    }

    private void assertEachNotificationOnce() throws InterruptedException {
        // The notifier may have been down when the run ended (its restart is part of the test): it announces the end
        // once it is back, a moment after the run's last event.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (chat.messages().stream().noneMatch(DemoCrashIT::announcesTheEnd) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000); // a second announcement, if there were one, would come as quickly
        List<String> keys = new ArrayList<>();
        for (JsonNode message : chat.messages()) {
            if (!message.path("kind").asText().equals("update")) {
                keys.add(message.path("key").asText());
            }
        }
        Map<String, Long> repeated =
                keys.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting())).entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated).as("notifications posted more than once").isEmpty();
        List<String> texts =
                chat.messages().stream().map(n -> n.path("text").asText()).toList();
        assertThat(chat.messages().stream().filter(DemoCrashIT::announcesTheEnd))
                .as("the run's end, announced once")
                .hasSize(1);
        assertThat(Collections.frequency(
                        texts.stream()
                                .map(t -> t.contains("Phase *deploy-prod* in prod of fitsync-demo waits for approval"))
                                .toList(),
                        true))
                .as("the prod approval request, announced once")
                .isEqualTo(1);
    }

    private String startChat() throws IOException {
        chat = new ChatStandIn();
        return chat.url();
    }
}
