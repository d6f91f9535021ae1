package dev.ferry.build.buildah;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.DockerfileSource;
import dev.ferry.build.domain.FailureKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a buildah run that ended badly into a {@link BuildFailure} a person can act on: which Dockerfile line
 * failed, or which image could not be found or reached, always with the last lines buildah printed.
 */
final class BuildahFailures {

    private static final Pattern MISSING_IMAGE =
            Pattern.compile("initializing source docker://([^:\\s]+(?::\\d+)?/[^\\s:@]+[:@]?[^\\s:]*):");

    private BuildahFailures() {}

    /** A {@code buildah bud} that exited with {@code exit}. */
    static BuildFailure ofBuild(DockerfileSource source, BuildahOutput output, int exit) {
        String printed = printed(output);
        String where = output.step()
                .map(step -> source.whereIsStep(step.stage(), step.number()) + ": " + step.instruction())
                .orElse(source.dockerfile());
        String lower = printed.toLowerCase(Locale.ROOT);
        // First: a failing RUN may well print words that look like a registry's errors.
        if (lower.contains("error: building at step")) {
            return BuildFailure.permanent(
                    FailureKind.INVALID_INPUT, where + " failed (" + exitStatus(printed, exit) + ")" + tail(output));
        }
        Optional<BuildFailure> registry = ofRegistry("building " + source.dockerfile(), printed, output);
        if (registry.isPresent()) {
            return registry.get();
        }
        if (lower.contains("parse error") || lower.contains("unknown instruction")) {
            return BuildFailure.permanent(
                    FailureKind.INVALID_INPUT, source.dockerfile() + " is invalid" + tail(output));
        }
        return BuildFailure.permanent(
                FailureKind.INTERNAL, "buildah could not build " + where + " (exit " + exit + ")" + tail(output));
    }

    /** A {@code buildah push} (or another run against a registry) that exited with {@code exit}. */
    static BuildFailure ofPush(String destination, BuildahOutput output, int exit) {
        return ofRegistry("pushing to " + destination, printed(output), output)
                .orElseGet(() -> BuildFailure.retryable(
                        FailureKind.INTERNAL,
                        "buildah could not push to " + destination + " (exit " + exit + ")" + tail(output),
                        null));
    }

    /** A {@code buildah from} of a job's image that exited with {@code exit}. */
    static BuildFailure ofPull(String image, BuildahOutput output, int exit) {
        return ofRegistry("pulling " + image + " to run a job", printed(output), output)
                .orElseGet(() -> BuildFailure.retryable(
                        FailureKind.INTERNAL,
                        "buildah could not pull " + image + " (exit " + exit + ")" + tail(output),
                        null));
    }

    private static Optional<BuildFailure> ofRegistry(String what, String printed, BuildahOutput output) {
        String lower = printed.toLowerCase(Locale.ROOT);
        Matcher missing = MISSING_IMAGE.matcher(printed);
        if ((lower.contains("manifest unknown") || lower.contains("name unknown")) && missing.find()) {
            return Optional.of(BuildFailure.permanent(
                    FailureKind.NOT_FOUND,
                    "image " + missing.group(1) + " is not in its registry (" + what + "): push it first or fix the"
                            + " reference" + tail(output)));
        }
        if (lower.contains("unauthorized")
                || lower.contains("authentication required")
                || lower.contains("access to the resource is denied")) {
            return Optional.of(BuildFailure.permanent(
                    FailureKind.AUTHENTICATION,
                    "the registry refused the credentials (" + what + "): check the plan's credentialRef and the"
                            + " secret it names" + tail(output)));
        }
        if (lower.contains("connection refused")
                || lower.contains("no such host")
                || lower.contains("i/o timeout")
                || lower.contains("server gave http response to https client")) {
            return Optional.of(BuildFailure.retryable(
                    FailureKind.UNREACHABLE, "a registry could not be reached (" + what + ")" + tail(output), null));
        }
        return Optional.empty();
    }

    private static String exitStatus(String printed, int exit) {
        Matcher status = Pattern.compile("exit status (\\d+)").matcher(printed);
        String last = null;
        while (status.find()) {
            last = status.group();
        }
        return last != null ? last : "buildah exit " + exit;
    }

    private static String printed(BuildahOutput output) {
        return String.join("\n", output.tail());
    }

    private static String tail(BuildahOutput output) {
        List<String> lines = output.tail();
        return "; the last " + lines.size() + " lines buildah printed:\n" + String.join("\n", lines);
    }
}
