package dev.ferry.build.domain;

import java.util.List;

/**
 * A recipe with its COPY instructions resolved against the build context: one layer per instruction, in order.
 */
public record ImagePlan(ImageRecipe recipe, BuildContext context, List<List<FileCopy>> layers) {

    public ImagePlan {
        layers = layers.stream().map(List::copyOf).toList();
    }
}
