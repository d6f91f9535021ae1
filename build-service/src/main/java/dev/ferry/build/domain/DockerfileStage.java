package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What one build stage has set so far; only the last stage becomes the image. */
final class DockerfileStage {
    final String name;
    final String baseImage;
    final Map<String, String> args = new LinkedHashMap<>();
    final Map<String, String> environment = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    final Set<String> exposedPorts = new TreeSet<>();
    final Set<String> volumes = new TreeSet<>();
    final List<CopyInstruction> copies = new ArrayList<>();
    String workingDirectory;
    String user;
    List<String> entrypoint;
    List<String> command;
    boolean commandSet;

    DockerfileStage(String name, String baseImage) {
        this.name = name;
        this.baseImage = baseImage;
    }

    ImageRecipe recipe() {
        return new ImageRecipe(
                baseImage,
                copies,
                environment,
                workingDirectory,
                exposedPorts,
                volumes,
                user,
                labels,
                entrypoint,
                command);
    }
}
