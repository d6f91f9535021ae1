package dev.ferry.build.kafka;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.Builder;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageDescriptor;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.TagPromotion;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.plan.action.Build;
import dev.ferry.plan.action.Scaffold;
import dev.ferry.plan.action.TagImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link ServiceWork} of a build phase into a {@link BuildRequest}. Settings the contract has no field for
 * travel in the service's parameters: {@code image.createRepository}, {@code build-arg.NAME}, and the descriptor used
 * when the repository has no Dockerfile ({@code image.base}, {@code image.files} as {@code src:dest,...},
 * {@code image.entrypoint}, {@code image.port}).
 */
final class ServiceWorkMapping {

    static final String CREATE_REPOSITORY = "image.createRepository";
    static final String BUILD_ARG_PREFIX = "build-arg.";
    static final String SOURCE_CREDENTIAL_REF = "sourceCredentialRef";

    private ServiceWorkMapping() {}

    static BuildRequest request(PhaseStarted phase, ServiceWork work) {
        ImageSettings settings = settings(phase, work);
        Builder builder = Builder.named(work.getImage().getBuilder());
        CharSequence context = phase.getSettings().get(Build.CONTEXT);
        return context == null
                ? fromSplit(phase, work, settings, builder)
                : fromSource(phase, work, settings, builder, context.toString());
    }

    /** A tag-image step: the phase's tag for the service and its environment, and the digest its deploy verified. */
    static TagPromotion promotion(PhaseStarted phase, ServiceWork work) {
        CharSequence template = phase.getSettings().get(TagImage.TAG);
        CharSequence environment = phase.getEnvironment();
        if (template == null || environment == null) {
            throw invalid(work, "is tagged by a phase without a tag or an environment");
        }
        String tag = TagImage.tagFor(template.toString(), work.getService(), environment.toString());
        String digest = work.getPrior() == null ? null : work.getPrior().getImageDigest();
        return new TagPromotion(work.getService(), settings(phase, work), tag, digest);
    }

    private static ImageSettings settings(PhaseStarted phase, ServiceWork work) {
        ImageSpec image = work.getImage();
        if (image == null) {
            throw invalid(work, "has no image settings in the plan");
        }
        Map<String, String> parameters = strings(work.getParameters());
        return new ImageSettings(
                image.getRegistry(),
                image.getRepository(),
                image.getTagTemplate(),
                image.getMovingTags(),
                image.getDockerfile(),
                image.getCredentialRef(),
                Boolean.parseBoolean(parameters.getOrDefault(CREATE_REPOSITORY, "false")),
                descriptor(work, parameters),
                buildArgs(parameters),
                phase.getTimeoutSeconds() == null ? null : Duration.ofSeconds(phase.getTimeoutSeconds()));
    }

    /**
     * The directory {@code context} of the source repository at the head of its branch (or at the run's pinned
     * source commit), with no split before. A continuous delivery builds the root of the service's own repository at
     * the pushed commit this way; only then may the repository's own workflow (github-actions) be the build, since
     * that workflow runs in the service repository, on that commit.
     */
    private static BuildRequest fromSource(
            PhaseStarted phase, ServiceWork work, ImageSettings settings, Builder builder, String context) {
        SourceSpec source = work.getSource();
        if (builder == Builder.GITHUB_ACTIONS && !ownRepository(work, context)) {
            throw invalid(
                    work,
                    "builds " + context + " of the source repository, which github-actions cannot: its"
                            + " workflow runs in the service repository; use builder auto, jib or buildah");
        }
        if (source == null || source.getRepository().isBlank()) {
            throw invalid(work, "has no source repository in the plan to build " + context + " from");
        }
        String commit = source.getCommit() == null || source.getCommit().isBlank()
                ? BuildRequest.headOf(source.getBranch())
                : source.getCommit();
        return new BuildRequest(
                work.getService(),
                source.getRepository(),
                commit,
                phase.getEnvironment(),
                settings,
                builder,
                Build.contextOf(context, work.getService(), source.getPath()),
                sourceCredentialRef(work));
    }

    /** Whether {@code context} is the whole of the service's own repository, which is the run's source. */
    private static boolean ownRepository(ServiceWork work, String context) {
        SourceSpec source = work.getSource();
        return context.isEmpty()
                && source != null
                && work.getTarget() != null
                && source.getRepository().equals(work.getTarget().getRepository());
    }

    /** The service's split repository at the split (or scaffold) commit. */
    private static BuildRequest fromSplit(
            PhaseStarted phase, ServiceWork work, ImageSettings settings, Builder builder) {
        if (work.getTarget() == null || work.getTarget().getRepository() == null) {
            throw invalid(work, "has no target repository; the split must run before the build");
        }
        String commit = commit(work.getPrior());
        if (commit == null || commit.isBlank()) {
            throw invalid(work, "has no split commit from the split phase; the split must run before the build");
        }
        return new BuildRequest(
                work.getService(),
                work.getTarget().getRepository(),
                commit,
                phase.getEnvironment(),
                settings,
                builder,
                "",
                work.getTarget().getCredentialRef());
    }

    /**
     * The commit to build: the service repository's head after an earlier scaffold phase when there was one (the
     * files it committed, such as the CI workflow, are part of what is built, and that commit is the one the
     * repository's own CI runs on), else the split's.
     */
    private static String commit(PriorResults prior) {
        String scaffolded = prior.getOutputs().get(Scaffold.HEAD_COMMIT);
        return scaffolded == null || scaffolded.isBlank() ? prior.getSplitCommit() : scaffolded;
    }

    private static ImageDescriptor descriptor(ServiceWork work, Map<String, String> parameters) {
        String base = parameters.get("image.base");
        if (base == null) {
            return null;
        }
        var files = new LinkedHashMap<String, String>();
        for (String pair : parameters.getOrDefault("image.files", "").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.strip().split(":", 2);
            if (parts.length != 2) {
                throw invalid(work, "image.files entry '" + pair + "' is not source:destination");
            }
            files.put(parts[0], parts[1]);
        }
        String entrypoint = parameters.getOrDefault("image.entrypoint", "").strip();
        List<String> command = entrypoint.isEmpty() ? List.of() : Arrays.asList(entrypoint.split("\\s+"));
        try {
            int port = Integer.parseInt(parameters.getOrDefault("image.port", "0"));
            return new ImageDescriptor(base, files, command, port);
        } catch (NumberFormatException e) {
            throw invalid(work, "image.port '" + parameters.get("image.port") + "' is not a number");
        }
    }

    private static Map<String, String> buildArgs(Map<String, String> parameters) {
        var args = new LinkedHashMap<String, String>();
        parameters.forEach((key, value) -> {
            if (key.startsWith(BUILD_ARG_PREFIX)) {
                args.put(key.substring(BUILD_ARG_PREFIX.length()), value);
            }
        });
        return args;
    }

    /** The credential that reads the plan's source repository, which the planner passes among the parameters. */
    static String sourceCredentialRef(ServiceWork work) {
        CharSequence reference = work.getParameters().get(SOURCE_CREDENTIAL_REF);
        return reference == null ? null : reference.toString();
    }

    /** Avro hands maps over with {@code CharSequence} keys and values; make them plain strings. */
    static Map<String, String> strings(Map<? extends CharSequence, ? extends CharSequence> map) {
        var out = new LinkedHashMap<String, String>();
        map.forEach((key, value) -> out.put(key.toString(), value.toString()));
        return out;
    }

    private static BuildFailure invalid(ServiceWork work, String what) {
        return BuildFailure.permanent(FailureKind.INVALID_INPUT, "service " + work.getService() + " " + what);
    }
}
