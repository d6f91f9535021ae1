package dev.ferry.build.kafka;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobNames;
import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobRequest;
import dev.ferry.build.domain.job.JobSpec;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Restructure;
import dev.ferry.plan.action.Run;
import dev.ferry.plan.action.Scaffold;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a {@link ServiceWork} of a run phase into a {@link JobRequest}: the place from {@code runsOn}, the image (the
 * plan's, else the one this run built for the service), the variables with each credential reference resolved, and
 * the service's repository at the run's commit: its own after a split (at the head a scaffold left, else the split
 * commit), else the whole source repository, a monorepo whose root is where its tools are run from (after a
 * restructure, at its commit).
 */
final class JobWorkMapping {

    private JobWorkMapping() {}

    /** @param secrets a credential's value by its reference, when build-service has it */
    static JobRequest request(PhaseStarted phase, ServiceWork work, Function<String, Optional<String>> secrets) {
        Map<String, String> settings = ServiceWorkMapping.strings(phase.getSettings());
        Map<String, String> outputs = ServiceWorkMapping.strings(work.getPrior().getOutputs());
        String service = work.getService();
        String name = JobNames.of(phase.getMetadata().getMigrationId(), phase.getPhase(), service, phase.getAttempt());
        var environment = new LinkedHashMap<>(Run.env(settings));
        var secretValues = new HashSet<String>();
        Run.secretEnv(settings).forEach((variable, reference) -> {
            String value = secrets.apply(reference)
                    .orElseThrow(() -> invalid(
                            service,
                            "variable " + variable + " names credential " + reference + ", which build-service has no"
                                    + " value for; set ferry.build.credentials." + reference + ".password"));
            environment.put(variable, value);
            secretValues.add(value);
        });
        JobPlace place = place(phase, work, settings);
        boolean container = !(place instanceof JobPlace.GithubActions);
        var spec = new JobSpec(
                name,
                service,
                container ? image(work, settings, outputs) : null,
                Run.command(settings),
                environment,
                secretValues,
                Optional.empty(),
                Run.workspace(settings),
                deadline(phase),
                place);
        return new JobRequest(
                spec,
                container ? Optional.of(files(work, outputs)) : Optional.empty(),
                Run.expectOutput(settings).map(Pattern::compile));
    }

    private static JobPlace place(PhaseStarted phase, ServiceWork work, Map<String, String> settings) {
        return switch (Run.runsOn(settings)) {
            case Run.KUBERNETES ->
                new JobPlace.Kubernetes(phase.getEnvironment(), Run.namespace(settings), Run.backoffLimit(settings));
            case Run.GITHUB_ACTIONS -> {
                if (work.getTarget() == null || work.getTarget().getRepository() == null) {
                    throw invalid(work.getService(), "has no repository of its own to run a workflow in");
                }
                yield new JobPlace.GithubActions(
                        work.getTarget().getRepository(),
                        work.getTarget().getDefaultBranch(),
                        settings.get(Run.WORKFLOW),
                        Run.inputs(settings));
            }
            default -> new JobPlace.Local(Run.network(settings));
        };
    }

    private static String image(ServiceWork work, Map<String, String> settings, Map<String, String> outputs) {
        String image = settings.getOrDefault(
                Run.IMAGE, outputs.get(Actions.BUILD.outputs().getFirst()));
        if (image == null || image.isBlank()) {
            throw invalid(
                    work.getService(),
                    "has no image to run: the plan names none and no build phase before this one reported one");
        }
        return image;
    }

    private static JobRequest.ServiceFiles files(ServiceWork work, Map<String, String> outputs) {
        String serviceHead =
                firstOf(outputs.get(Scaffold.HEAD_COMMIT), work.getPrior().getSplitCommit());
        if (work.getTarget() != null && work.getTarget().getRepository() != null && serviceHead != null) {
            return new JobRequest.ServiceFiles(
                    work.getTarget().getRepository(),
                    serviceHead,
                    "",
                    work.getTarget().getCredentialRef());
        }
        SourceSpec source = work.getSource();
        if (source == null || source.getRepository().isBlank()) {
            throw invalid(work.getService(), "has neither a repository of its own nor a source to take its files from");
        }
        String commit = firstOf(
                outputs.get(Restructure.RESTRUCTURE_COMMIT),
                firstOf(source.getCommit(), BuildRequest.headOf(source.getBranch())));
        return new JobRequest.ServiceFiles(
                source.getRepository(), commit, "", ServiceWorkMapping.sourceCredentialRef(work));
    }

    private static Duration deadline(PhaseStarted phase) {
        Long seconds = phase.getTimeoutSeconds();
        return seconds == null ? Actions.RUN.defaultTimeout() : Duration.ofSeconds(seconds);
    }

    private static String firstOf(String first, String second) {
        return first == null || first.isBlank() ? second : first;
    }

    private static BuildFailure invalid(String service, String what) {
        return BuildFailure.permanent(FailureKind.INVALID_INPUT, "service " + service + " " + what);
    }
}
