package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The tags one build gets: the immutable tag that names this commit's image forever, and the moving tags (per
 * environment, latest, semantic version) that are pointed at it.
 */
public record ImageTags(String immutable, List<String> moving) {

    public ImageTags {
        moving = List.copyOf(moving);
    }

    /**
     * Renders the plan's templates. The immutable template must render; a moving template that needs a value the
     * build lacks ({@code {env}} outside an environment, {@code {semver}} on an untagged commit) is left out.
     */
    public static ImageTags render(String immutableTemplate, List<String> movingTemplates, TagInputs inputs) {
        TagTemplate template = template(immutableTemplate);
        if (template.uses("env") || template.uses("semver")) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT,
                    "immutable tag template " + immutableTemplate + " uses {env} or {semver}, which change for the"
                            + " same commit; use {sha} there and put the others in the moving tags");
        }
        String immutable = template.render(inputs).orElseThrow();
        var moving = new LinkedHashSet<String>();
        for (String moved : movingTemplates) {
            Optional<String> tag = template(moved).render(inputs);
            tag.filter(t -> !t.equals(immutable)).ifPresent(moving::add);
        }
        return new ImageTags(immutable, new ArrayList<>(moving));
    }

    /** Every tag, the immutable one first. */
    public List<String> all() {
        var all = new ArrayList<String>();
        all.add(immutable);
        all.addAll(moving);
        return all;
    }

    private static TagTemplate template(String text) {
        try {
            return TagTemplate.of(text);
        } catch (IllegalArgumentException e) {
            throw BuildFailure.permanent(FailureKind.INVALID_INPUT, e.getMessage());
        }
    }
}
