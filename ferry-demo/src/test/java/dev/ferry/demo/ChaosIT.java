package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.demo.image.RunnableBase;
import dev.ferry.demo.sample.SampleMonorepo;
import dev.ferry.testsupport.KafkaTestBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos test of the durability promise: every Ferry service as OS processes of its own (two planners on one
 * PostgreSQL, two replicas of repo-, build- and deploy-service, the notifier), a real broker, real git repositories and
 * buildah. Demo migrations run one after the other while a driver kills random services with {@code SIGKILL} at random
 * moments and starts them again. Every run must succeed, and every effect must have happened exactly once, counted from
 * what is on disk: each split repository at the reference split's head, one image per service, one GitOps commit per
 * bump; nothing may be dead-lettered.
 *
 * <p>Short form by default (CI): one run, a kill of each kind of service and one more. Long form:
 * {@code -Dferry.chaos.runs=20 -Dferry.chaos.kills=100} ({@code bench/chaos/run.sh}). The seed is printed;
 * {@code -Dferry.chaos.seed=N} replays the same choices.
 */
class ChaosIT {

    private static final Set<String> GATES = Set.of("shared-libraries", "deploy-prod", "validate");
    private static final Duration START = Duration.ofMinutes(4);
    private static final int MORE_RUNS_AT_MOST = 20;

    @TempDir
    Path data;

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final ExecutorService chaos = Executors.newSingleThreadExecutor();
    private ChatStandIn chat;

    @AfterEach
    void stop() throws InterruptedException {
        chaos.shutdownNow();
        chaos.awaitTermination(30, TimeUnit.SECONDS);
        for (ServiceProcess process : processes) {
            process.kill();
        }
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void everyRunFinishesAndEveryEffectHappensOnceWhileServicesAreKilled() throws Exception {
        long seed = Long.getLong("ferry.chaos.seed", System.nanoTime());
        int runs = Integer.getInteger("ferry.chaos.runs", 1);
        int kills = Integer.getInteger("ferry.chaos.kills", FerryService.values().length + 1);
        System.out.println("ChaosIT seed " + seed + " (repeat with -Dferry.chaos.seed=" + seed + "), " + runs
                + " runs, at least " + kills + " kills");
        Random random = new Random(seed);
        String bootstrap = KafkaTestBroker.shared().bootstrapServers();
        long deadLettersBefore = DeadLetters.count(bootstrap);
        long started = System.nanoTime();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("postgres"))
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("max_replication_slots", "4")
                .start()) {
            var services = new DemoLayout(data.resolve("services"));
            services.prepare();
            String baseImage = RunnableBase.make(services.baseImage(), services.state("base-image"))
                    .buildArg();
            int plannerPort = freePort();
            startEveryService(services, bootstrap, postgres.getJdbcUrl("postgres", "postgres"), plannerPort);

            var done = new AtomicBoolean();
            var killed = new CopyOnWriteArrayList<String>();
            Future<?> killer = chaos.submit(() -> killWhileRunning(random, kills, done, killed));
            var planRuns =
                    new PlanRuns(bootstrap, "http://localhost:" + plannerPort + "/migrations/", Duration.ofMinutes(10));
            var effects = new ChaosEffects(services.images());
            var outcomes = new ArrayList<String>();
            // More runs than asked while fewer kills than asked happened: on a quiet machine a run is over quickly.
            for (int run = 0; run < runs || (killed.size() < kills && run < runs + MORE_RUNS_AT_MOST); run++) {
                var layout = new DemoLayout(data.resolve("run-" + run));
                layout.prepare();
                var monorepo = SampleMonorepo.fitSync()
                        .setCommits(200 + run)
                        .setBare(true)
                        .generateInto(layout.source());
                GitOpsSeed.create(layout.gitops(), monorepo.services(), DemoPlan.ENVIRONMENTS);
                PlanRuns.Run result =
                        planRuns.runToEnd(DemoPlan.render(layout, null, baseImage), "fitsync-demo", GATES);
                MigrationFinished finished = result.of(MigrationFinished.class).getFirst();
                outcomes.add(
                        finished.getOutcome() == MigrationOutcome.SUCCEEDED
                                ? "SUCCEEDED"
                                : finished.getOutcome() + " "
                                        + result.of(StepFailed.class).stream()
                                                .map(f -> f.getPhase() + "/" + f.getService() + ": " + f.getReason())
                                                .toList());
                effects.check(layout, result);
            }
            done.set(true);
            killer.get(2, TimeUnit.MINUTES);
            for (ServiceProcess process : processes) {
                if (!process.alive()) {
                    process.start();
                }
            }
            long deadLettered = DeadLetters.count(bootstrap) - deadLettersBefore;
            Map<String, Long> notificationRepeats = repeatedNotifications();

            System.out.printf(
                    "ChaosIT figures: seed %d, %d runs (%s), %d kills (%s), effects checked %d, lost %d,"
                            + " duplicated %d, notifications %d (delivered again with the same key: %d),"
                            + " dead-lettered %d, %d s%n",
                    seed,
                    outcomes.size(),
                    outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting())),
                    killed.size(),
                    killed.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting())),
                    effects.checked(),
                    effects.lost().size(),
                    effects.duplicated().size(),
                    chat.messages().size(),
                    notificationRepeats.size(),
                    deadLettered,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            assertThat(outcomes).as("each run's outcome").allMatch("SUCCEEDED"::equals);
            assertThat(effects.lost()).as("effects that did not happen").isEmpty();
            assertThat(effects.duplicated()).as("effects that happened twice").isEmpty();
            assertThat(deadLettered).as("records dead-lettered").isZero();
            assertThat(killed).as("services killed").hasSizeGreaterThanOrEqualTo(kills);
            assertThat(notificationRepeats.size())
                    .as("messages delivered again (the receiver drops them by key): at most one per notifier kill")
                    .isLessThanOrEqualTo(Collections.frequency(killed, "notifier"));
        }
    }

    private void startEveryService(DemoLayout layout, String bootstrap, String database, int plannerPort)
            throws IOException, InterruptedException {
        Map<FerryService, Map<String, Object>> settings = DemoSettings.of(layout, bootstrap, null);
        // Outside the temporary directory, so a failed run's logs stay for whoever replays it.
        Path logs = Path.of(
                        "target",
                        "chaos-logs",
                        String.valueOf(ProcessHandle.current().pid()))
                .toAbsolutePath();
        System.out.println("ChaosIT service logs in " + logs);
        for (int replica = 1; replica <= 2; replica++) {
            Map<String, Object> planner = new HashMap<>(settings.get(FerryService.PLANNER));
            planner.put("ferry.planner.database.url", database);
            planner.put("ferry.planner.database.username", "postgres");
            planner.put("ferry.planner.data-directory", layout.state("planner-" + replica));
            planner.put("server.port", replica == 1 ? plannerPort : 0);
            processes.add(new ServiceProcess("planner-" + replica, FerryService.PLANNER, planner, logs));
            for (FerryService worker : List.of(FerryService.REPO, FerryService.BUILD, FerryService.DEPLOY)) {
                processes.add(new ServiceProcess(
                        worker.serviceName().replace("-service", "") + "-" + replica,
                        worker,
                        replicaSettings(layout, settings.get(worker), worker, replica),
                        logs));
            }
        }
        Map<String, Object> notifier = new HashMap<>(settings.get(FerryService.NOTIFIER));
        notifier.put("ferry.notifier.json-webhook-url", startChat());
        processes.add(new ServiceProcess("notifier", FerryService.NOTIFIER, notifier, logs));
        for (ServiceProcess process : processes) {
            process.start();
        }
        for (ServiceProcess process : processes) {
            process.awaitStarted(START);
        }
    }

    /** A second replica keeps its state and work directories apart from the first: only Kafka is shared. */
    private static Map<String, Object> replicaSettings(
            DemoLayout layout, Map<String, Object> settings, FerryService worker, int replica) {
        if (replica == 1) {
            return settings;
        }
        String own = layout.state(worker.serviceName()).toString();
        String apart = layout.state(worker.serviceName() + "-" + replica).toString();
        Map<String, Object> copy = new HashMap<>();
        settings.forEach((key, value) -> copy.put(key, value.toString().replace(own, apart)));
        return copy;
    }

    /**
     * Kills one service at a time with SIGKILL and starts it again after a random pause, until the runs are done and
     * at least {@code kills} kills happened: first one of each kind of service in a random order, then at random.
     */
    private void killWhileRunning(Random random, int kills, AtomicBoolean done, List<String> killed) {
        List<ServiceProcess> order = new ArrayList<>();
        for (FerryService kind : FerryService.values()) {
            List<ServiceProcess> ofKind =
                    processes.stream().filter(p -> p.service() == kind).toList();
            order.add(ofKind.get(random.nextInt(ofKind.size())));
        }
        Collections.shuffle(order, random);
        var index = new AtomicInteger();
        try {
            while (!done.get()) {
                Thread.sleep(2_000 + random.nextInt(6_000));
                if (done.get()) {
                    return;
                }
                int next = index.getAndIncrement();
                ServiceProcess victim =
                        next < order.size() ? order.get(next) : processes.get(random.nextInt(processes.size()));
                victim.kill();
                killed.add(
                        victim.service() == FerryService.NOTIFIER
                                ? "notifier"
                                : victim.service().serviceName().replace("-service", ""));
                Thread.sleep(random.nextInt(2_000));
                victim.start();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Long> repeatedNotifications() throws InterruptedException {
        Thread.sleep(2_000);
        return chat.messages().stream()
                .filter(message -> !message.path("kind").asText().equals("update"))
                .map(message -> message.path("key").asText())
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()))
                .entrySet()
                .stream()
                .filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String startChat() throws IOException {
        chat = new ChatStandIn();
        return chat.url();
    }
}
