package dev.ferry.demo;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.DurationConverter;
import dev.ferry.cli.ExitCodes;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.demo.image.RunnableBase;
import dev.ferry.demo.sample.SampleMonorepo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ferry demo}: the FitSync migration end to end, in this process, on a generated mono-repo. */
@Command(
        name = "demo",
        description = {
            "Runs a whole migration on embedded defaults: a Kafka broker (KRaft) and the five services in this"
                    + " process, a generated FitSync-like mono-repo (7 services), and the FitSync plan: split into"
                    + " bare repositories, build images (tarballs, or --registry), commit the tags to a GitOps repository.",
            "Approvals are given automatically. Everything is written under --data-dir; a second run replaces it."
        })
public final class DemoCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    // Not "ferry-demo": that is this module's directory, at the repository root where ./ferry runs.
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the demo writes everything (emptied first if an earlier demo made it). Default:"
                    + " ${DEFAULT-VALUE}.",
            defaultValue = "ferry-demo-data")
    Path dataDirectory;

    @Option(
            names = "--commits",
            paramLabel = "N",
            description = "Commits in the generated mono-repo's history. Default: ${DEFAULT-VALUE}.",
            defaultValue = "" + SampleMonorepo.DEFAULT_COMMITS)
    int commits;

    @Option(
            names = "--registry",
            paramLabel = "HOST:PORT",
            description = "Push the images to this OCI registry (anonymous; plain HTTP when on localhost) instead of"
                    + " writing image tarballs, e.g. localhost:5000.")
    String registryHost;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Give up when the migration has not finished after this long. Default: ${DEFAULT-VALUE}.",
            defaultValue = "5m")
    Duration timeout;

    public DemoCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (commits < SampleMonorepo.MIN_COMMITS) {
            throw new ParameterException(
                    spec.commandLine(), "--commits must be at least " + SampleMonorepo.MIN_COMMITS);
        }
        PrintWriter out = env.out();
        long started = System.nanoTime();
        try (var demo =
                MigrationDemo.start(new MigrationDemo.Options(dataDirectory, commits, timeout, registryHost), out)) {
            DemoReport report = demo.migrate();
            out.println();
            SummaryTable.lines(report.results(), "prod").forEach(out::println);
            out.println();
            printOutputs(out, demo.layout(), registryHost);
            printHowToStartOne(out, demo.layout(), demo.base(), report, registryHost);
            out.printf(
                    "%nferry demo took %s in all.%n",
                    SummaryTable.seconds(Duration.ofNanos(System.nanoTime() - started)));
            boolean succeeded = report.finished()
                    .map(f -> f.getOutcome() == MigrationOutcome.SUCCEEDED)
                    .orElse(false);
            return succeeded ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private static void printOutputs(PrintWriter out, DemoLayout layout, String registryHost) {
        Path root = layout.root();
        out.println("Where everything is (under " + root + "):");
        out.println("  the plan that ran        " + root.relativize(layout.plan()));
        out.println("  source mono-repo         " + root.relativize(layout.source()) + "   (archived: see its README)");
        out.println("  service repositories     " + root.relativize(layout.repositories())
                + "/fitsync-<service>.git   e.g. git -C " + layout.repository("user-service") + " log --oneline");
        if (registryHost == null) {
            out.println("  image tarballs           " + root.relativize(layout.images())
                    + "   e.g. load one with `docker load -i FILE`");
        } else {
            out.println("  images                   " + registryHost + "/fitsync:<service>-<split SHA>");
        }
        out.println("  GitOps repository        " + root.relativize(layout.gitops()) + "   e.g. git -C "
                + layout.gitops() + " log --stat");
        out.println("  services' log            " + root.relativize(layout.log()));
    }

    private static String runnable(Path base, Optional<StartCheck.Outcome> start) {
        String built = "built on a busybox base (" + base + ")";
        return start.map(check -> check.started()
                        ? "The images are runnable: " + built + "; " + check.service() + "'s, started with buildah"
                                + " during the run, answered `health` with \"" + check.text()
                                + "\". Start one yourself:"
                        : "The images are " + built + ", but " + check.service() + "'s did not start with buildah: "
                                + check.text())
                .orElse("The images are " + built + "; their entrypoint answers `health` with ok, e.g.:");
    }

    private static void printHowToStartOne(
            PrintWriter out, DemoLayout layout, RunnableBase.Outcome base, DemoReport report, String registryHost) {
        switch (base) {
            case RunnableBase.Outcome.Made made -> {
                String image = registryHost == null
                        ? "docker-archive:" + layout.images() + "/FILE"
                        : (DemoSettings.isLocal(registryHost) ? "--tls-verify=false " : "") + "docker://" + registryHost
                                + "/fitsync:<service>-<split SHA>";
                out.println();
                out.println(runnable(made.archive(), report.imageStart()));
                out.println("  c=$(buildah from " + image + ") && buildah run --isolation chroot $c -- /bin/sh "
                        + SampleMonorepo.ENTRYPOINT + " health");
            }
            case RunnableBase.Outcome.Unavailable unavailable -> {
                out.println();
                out.println("The images are FROM scratch and will not start: " + unavailable.reason());
            }
        }
    }
}
