package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image described in the plan instead of a Dockerfile: base image, files, entrypoint and port.
 *
 * @param files context path to image path, in order
 * @param port 0 for none
 */
public record ImageDescriptor(String baseImage, Map<String, String> files, List<String> entrypoint, int port) {

    public ImageDescriptor {
        if (baseImage == null || baseImage.isBlank()) {
            throw new IllegalArgumentException("an image descriptor needs a base image");
        }
        files = new LinkedHashMap<>(files);
        entrypoint = List.copyOf(entrypoint);
    }

    ImageRecipe recipe(String where) {
        var copies = new ArrayList<CopyInstruction>();
        files.forEach((source, target) ->
                copies.add(new CopyInstruction(List.of(source), target, null, null, new SourceLine(where, 0))));
        Set<String> ports = port > 0 ? Set.of(port + "/tcp") : Set.of();
        return new ImageRecipe(
                baseImage,
                copies,
                Map.of(),
                null,
                ports,
                Set.of(),
                null,
                Map.of(),
                entrypoint.isEmpty() ? null : entrypoint,
                entrypoint.isEmpty() ? null : List.of());
    }
}
