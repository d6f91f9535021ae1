package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.plan.action.Scaffold;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.jgit.FileScaffolder;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.runtime.StepSuccesses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * A {@code scaffold} phase: each service's files, made from the phase's templates, committed into its own repository
 * (one commit per service, none when nothing changes), answered with its {@code step.succeeded} carrying
 * {@code scaffoldCommit}, {@code filesWritten} and {@code filesLeft}, or its {@code step.failed}. See {@link Scaffold}
 * for the settings and {@link FileScaffolder} for which files are written.
 */
final class ScaffoldPhase {

    private final SourceWorkspace workspace;
    private final CredentialStore credentials;
    private final StepFailures failures;
    private final StepSuccesses successes;
    private final Clock clock;

    ScaffoldPhase(
            SourceWorkspace workspace,
            CredentialStore credentials,
            StepFailures failures,
            MetadataFactory metadata,
            Clock clock) {
        this.workspace = workspace;
        this.credentials = credentials;
        this.failures = failures;
        this.successes = new StepSuccesses(metadata);
        this.clock = clock;
    }

    List<SpecificRecord> run(PhaseStarted phase) {
        return phase.getServices().stream()
                .map(service -> scaffold(phase, service))
                .toList();
    }

    private SpecificRecord scaffold(PhaseStarted phase, ServiceWork service) {
        Instant started = clock.instant();
        TargetRepository target = service.getTarget();
        if (target == null) {
            return failures.invalidInput(
                    phase, service.getService(), "service " + service.getService() + " has no target repository");
        }
        try {
            Map<String, byte[]> files =
                    new ScaffoldTemplates(workspace, credentials, service).render(phase.getSettings());
            FileScaffolder.Outcome outcome = write(phase, service, target, files);
            return succeeded(phase, service, outcome, started);
        } catch (ScaffoldTemplates.TemplateProblem problem) {
            return failures.invalidInput(phase, service.getService(), problem.getMessage());
        } catch (SplitFailure failure) {
            return failures.of(phase, service.getService(), failure);
        }
    }

    private FileScaffolder.Outcome write(
            PhaseStarted phase, ServiceWork service, TargetRepository target, Map<String, byte[]> files) {
        Optional<String> token = Optional.ofNullable(target.getCredentialRef()).flatMap(credentials::token);
        GitRemote remote = GitRemote.of(target.getRepository(), token);
        try (Repository mirror = workspace.mirror(remote, target.getDefaultBranch());
                Repository work = workspace.workRepositoryFor(mirror, remote)) {
            return new FileScaffolder(work)
                    .scaffold(
                            mirror,
                            remote,
                            target.getDefaultBranch(),
                            files,
                            Scaffold.overwrites(phase.getSettings()),
                            new PersonIdent("Ferry", "ferry@noreply.ferry.dev", clock.instant(), ZoneOffset.UTC),
                            message(phase, service, files.size()));
        }
    }

    /** Names the plan and the run, so a person reading the log knows where the files came from. */
    private static FileScaffolder.Message message(PhaseStarted phase, ServiceWork service, int files) {
        String migration = phase.getMetadata().getMigrationId();
        return new FileScaffolder.Message(
                "Scaffold " + service.getService() + " from plan " + phase.getPlanName() + "\n\n"
                        + "Ferry migration " + migration + ", phase " + phase.getPhase() + ": files from the plan's"
                        + " templates (" + files + " in the phase). Ferry rewrites a file only while it is"
                        + " unchanged since it wrote it.",
                migration + "/" + phase.getPhase());
    }

    private StepSucceeded succeeded(
            PhaseStarted phase, ServiceWork service, FileScaffolder.Outcome outcome, Instant started) {
        var outputs = new LinkedHashMap<String, String>();
        outcome.commit().ifPresent(commit -> outputs.put(Scaffold.SCAFFOLD_COMMIT, commit.name()));
        outputs.put(Scaffold.HEAD_COMMIT, outcome.head().name());
        outputs.put(Scaffold.FILES_WRITTEN, String.join(",", outcome.written()));
        outputs.put(Scaffold.FILES_LEFT, String.join(",", outcome.left()));
        return successes.of(phase, service.getService(), outputs, Duration.between(started, clock.instant()));
    }

    /** What the placeholders stand for in this service's files. */
    static Map<String, String> values(ServiceWork service) {
        ImageSpec image = service.getImage();
        return Scaffold.values(
                service.getService(),
                image == null ? null : image.getRegistry(),
                image == null ? null : image.getRepository(),
                service.getParameters());
    }
}
