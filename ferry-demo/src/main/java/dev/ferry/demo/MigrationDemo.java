package dev.ferry.demo;

import dev.ferry.cli.CliFailure;
import dev.ferry.cli.kafka.KafkaCommandBus;
import dev.ferry.cli.kafka.RunEventReader;
import dev.ferry.cli.ops.CommandRecords;
import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.demo.image.RunnableBase;
import dev.ferry.demo.sample.GeneratedMonorepo;
import dev.ferry.demo.sample.SampleMonorepo;
import dev.ferry.demo.sample.SampleService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything {@code ferry demo} needs in this process: the data directory with the generated mono-repo and GitOps
 * repository, the base image the services' images start on, a Kafka broker, and the five services. {@link #migrate}
 * then runs the FitSync demo plan on them.
 */
public final class MigrationDemo implements AutoCloseable {

    /** The topics the demo follows to narrate the run and fill the summary (phase.completed for observers). */
    static final List<Topic<?>> FOLLOWED = List.of(
            Topics.PHASE_STARTED,
            Topics.REPO_SPLIT,
            Topics.IMAGE_PUSHED,
            Topics.DEPLOY_SYNCED,
            Topics.REPO_ARCHIVED,
            Topics.STEP_FAILED,
            Topics.PHASE_COMPLETED,
            Topics.COMMAND_REJECTED,
            Topics.MIGRATION_FINISHED);

    /**
     * @param registryHost where images are pushed (e.g. {@code localhost:5000}); null writes image tarballs
     * @param extraSettings per service, settings over the demo's (tests point the notifier at a webhook, say)
     */
    public record Options(
            Path dataDirectory,
            int commits,
            Duration timeout,
            String registryHost,
            Map<FerryService, Map<String, Object>> extraSettings) {

        public Options(Path dataDirectory, int commits, Duration timeout, String registryHost) {
            this(dataDirectory, commits, timeout, registryHost, Map.of());
        }
    }

    /** How long the end of the run waits for the start check, which began with the first image long before. */
    private static final Duration START_CHECK_WAIT = Duration.ofSeconds(30);

    private final DemoLayout layout;
    private final Options options;
    private final PrintWriter out;
    private final LocalFerry ferry;
    private final GeneratedMonorepo monorepo;
    private final RunnableBase.Outcome base;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread onInterrupt = new Thread(this::close, "ferry-demo-stop");

    private MigrationDemo(
            DemoLayout layout,
            Options options,
            PrintWriter out,
            LocalFerry ferry,
            GeneratedMonorepo monorepo,
            RunnableBase.Outcome base) {
        this.layout = layout;
        this.options = options;
        this.out = out;
        this.ferry = ferry;
        this.monorepo = monorepo;
        this.base = base;
    }

    /** Prepares the data directory and starts the broker and the services, narrating on {@code out}. */
    public static MigrationDemo start(Options options, PrintWriter out) {
        var layout = new DemoLayout(options.dataDirectory());
        layout.prepare();
        out.println("Ferry demo in " + layout.root());
        var narrator = new Stopwatch();
        // buildah runs in its own processes while this one generates the mono-repo and starts the services.
        CompletableFuture<RunnableBase.Outcome> base =
                CompletableFuture.supplyAsync(() -> RunnableBase.make(layout.baseImage(), layout.state("base-image")));
        GeneratedMonorepo monorepo;
        try {
            monorepo = SampleMonorepo.fitSync()
                    .setCommits(options.commits())
                    .setBare(true)
                    .generateInto(layout.source());
            GitOpsSeed.create(layout.gitops(), monorepo.services(), DemoPlan.ENVIRONMENTS);
        } catch (IOException e) {
            throw new CliFailure(
                    "cannot write the demo's repositories under " + layout.root() + ": " + e.getMessage(), e);
        }
        out.printf(
                "  generated the FitSync mono-repo: %d commits, %d merges, %d tags, %d services (%s)%n",
                monorepo.commits(),
                monorepo.merges(),
                monorepo.tags().size(),
                monorepo.services().size(),
                narrator.lap());
        LocalFerry ferry = LocalFerry.start(layout, options.registryHost(), 0, options.extraSettings(), out);
        RunnableBase.Outcome madeBase = base.join();
        out.println(describe(madeBase, layout));
        var demo = new MigrationDemo(layout, options, out, ferry, monorepo, madeBase);
        // Ctrl-C: stop the services (the planner's PostgreSQL is a child process) and the broker on the way out.
        Runtime.getRuntime().addShutdownHook(demo.onInterrupt);
        return demo;
    }

    private static String describe(RunnableBase.Outcome base, DemoLayout layout) {
        return switch (base) {
            case RunnableBase.Outcome.Made made ->
                "  made the images' base, Debian's busybox committed with buildah, at "
                        + layout.root().relativize(made.archive()) + " (" + SummaryTable.seconds(made.took()) + ")";
            case RunnableBase.Outcome.Unavailable unavailable ->
                "  the images will be FROM scratch and will not start: " + unavailable.reason();
        };
    }

    /**
     * Applies the demo plan, approves what asks for approval (a person would, with {@code ferry approve}), follows
     * the run to its end and returns what it produced.
     */
    public DemoReport migrate() {
        return migrate(event -> {});
    }

    /**
     * {@link #migrate()}, also handing every event of the run to {@code observer} after the demo handled it (the
     * crash test stops services at points it picks from them).
     */
    public DemoReport migrate(Consumer<SpecificRecord> observer) {
        String planText = DemoPlan.render(layout, options.registryHost(), base.buildArg());
        try {
            Files.writeString(layout.plan(), planText);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + layout.plan() + ": " + e.getMessage(), e);
        }
        String migrationId = UUID.randomUUID().toString();
        var records = CommandRecords.issuedBy(new Actor("ferry-demo", "cli"), Clock.systemUTC());
        var bus = KafkaCommandBus.at(ferry.bootstrapServers());
        var report = new DemoReport(
                monorepo.services().stream().map(SampleService::name).toList());
        RunNarration.Approver approver = (phase, environment) -> bus.publish(
                records.command(
                        migrationId,
                        new ApprovePhase(phase, environment, null),
                        "approved by ferry demo, which runs without a person at the keyboard"),
                Duration.ZERO);
        var narration = new RunNarration(out, migrationId, report, approver);
        var startCheck = new StartCheck(
                layout.state("start-check"),
                options.registryHost() != null && DemoSettings.isLocal(options.registryHost()));
        try (var events = RunEventReader.openAtEnd(ferry.bootstrapServers(), FOLLOWED)) {
            out.println("Applying " + layout.plan().getFileName() + " as migration " + migrationId);
            bus.publish(
                    records.command(migrationId, new StartMigration(planText, DemoPlan.NAME, Map.of()), "ferry demo"),
                    Duration.ZERO);
            long deadline = System.nanoTime() + options.timeout().toNanos();
            while (report.finished().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new CliFailure("the demo migration did not finish within "
                            + options.timeout().toSeconds() + " s; the services' log is " + layout.log());
                }
                for (SpecificRecord event : events.poll(migrationId, Duration.ofMillis(200))) {
                    narration.on(event);
                    if (base instanceof RunnableBase.Outcome.Made) {
                        startCheck.on(event);
                    }
                    observer.accept(event);
                }
            }
        }
        startCheck.outcome(START_CHECK_WAIT).ifPresent(report::imageStarted);
        return report;
    }

    public DemoLayout layout() {
        return layout;
    }

    /** The base the images were built on, or why they are FROM scratch. */
    public RunnableBase.Outcome base() {
        return base;
    }

    public EmbeddedServices services() {
        return ferry.services();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Called from the hook itself.
        }
        ferry.close();
    }

    /** Time since the last lap, for the narration. */
    private static final class Stopwatch {
        private long last = System.nanoTime();

        String lap() {
            long now = System.nanoTime();
            String text = SummaryTable.seconds(Duration.ofNanos(now - last));
            last = now;
            return text;
        }
    }
}
