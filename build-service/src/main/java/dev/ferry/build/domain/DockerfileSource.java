package dev.ferry.build.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Dockerfile builder reads: the checked-out build context, the Dockerfile in it and its text.
 *
 * @param dockerfile the Dockerfile's path relative to the context, as messages name it
 * @param text the Dockerfile's content, read once, to map a failing step back to its line
 * @param buildArgs values for the Dockerfile's ARGs
 * @param deadline how long the build may run (the step's timeout), or null for the builder's own limit
 */
public record DockerfileSource(
        BuildContext context, String dockerfile, String text, Map<String, String> buildArgs, Duration deadline) {

    public DockerfileSource {
        buildArgs = Map.copyOf(buildArgs);
    }

    /** A Dockerfile whose build has no deadline of its step's own. */
    public DockerfileSource(BuildContext context, String dockerfile, String text, Map<String, String> buildArgs) {
        this(context, dockerfile, text, buildArgs, null);
    }

    /** The Dockerfile on disk. */
    public Path file() {
        return context.directory().resolve(ContextPaths.normalize(dockerfile, false));
    }

    /**
     * Where the {@code step}th step (from 1, FROM being the first) of the {@code stage}th stage (from 1) is written,
     * {@code Dockerfile:12}; just the file when the steps cannot be matched to lines.
     */
    public String whereIsStep(int stage, int step) {
        return DockerfileSteps.lineOf(dockerfile, text, stage, step)
                .map(SourceLine::toString)
                .orElse(dockerfile);
    }

    /**
     * The registry hosts the Dockerfile's FROM lines pull from, so credentials can be given for each; a reference with
     * no host ({@code node:20}) is Docker Hub's, and a host given by an ARG is left out.
     */
    public Set<String> baseImageHosts() {
        var hosts = new TreeSet<String>();
        for (DockerfileLines.Instruction instruction : DockerfileLines.split(text)) {
            if (instruction.keyword().equals("FROM")) {
                Arrays.stream(instruction.arguments().split("\\s+"))
                        .filter(word -> !word.startsWith("--"))
                        .findFirst()
                        // A transport such as docker-archive:/base.tar names a file on the build machine, not a host.
                        .filter(reference -> !reference.contains(":/"))
                        .flatMap(ImageReferences::hostOf)
                        .filter(host -> !host.contains("$"))
                        .ifPresent(hosts::add);
            }
        }
        return hosts;
    }
}
