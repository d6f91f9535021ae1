package dev.ferry.plan.yaml;

import dev.ferry.plan.Placeholder;
import dev.ferry.plan.TemplateText;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Which placeholders each kind of plan template may use, checked where the template is written. */
final class Templates {

    /** Names of things that exist once per service: repositories, Dockerfiles, workflows. */
    static final Set<Placeholder> PER_SERVICE = EnumSet.of(Placeholder.SERVICE);
    /** GitOps file paths, key paths, Argo CD applications, namespaces: one per service and environment. */
    static final Set<Placeholder> PER_DEPLOYMENT = EnumSet.of(Placeholder.SERVICE, Placeholder.ENV);
    /** The immutable tag: fixed by the service and the commit, never by where it is deployed. */
    static final Set<Placeholder> IMMUTABLE_TAG = EnumSet.of(
            Placeholder.SERVICE, Placeholder.SHA, Placeholder.GIT_SHA, Placeholder.SHORT_SHA, Placeholder.SHA_PREFIX);
    /** Moving tags may also follow the environment and the release. */
    static final Set<Placeholder> MOVING_TAG = EnumSet.range(Placeholder.SERVICE, Placeholder.SEMVER);
    /** Repository URLs and branches shared by all services. */
    static final Set<Placeholder> NONE = EnumSet.noneOf(Placeholder.class);

    private Templates() {}

    /** Reports a placeholder the template may not use; returns whether the template is fine. */
    static boolean check(Located<String> template, Set<Placeholder> allowed, Problems problems) {
        Optional<String> problem = TemplateText.problem(template.value(), allowed);
        problem.ifPresent(message -> problems.add(template.node(), template.path(), message));
        return problem.isEmpty();
    }

    /**
     * The immutable tag template names one image forever, so {@code {env}} or {@code {semver}} there would give the
     * same image a different tag per environment or release; they belong in the moving tags.
     */
    static void checkImmutableTag(Located<String> template, Problems problems) {
        for (Placeholder moving : EnumSet.of(Placeholder.ENV, Placeholder.SEMVER)) {
            if (TemplateText.uses(template.value(), moving)) {
                problems.add(
                        template.node(),
                        template.path(),
                        "the immutable tag template \"" + template.value() + "\" uses " + moving.written()
                                + ", which changes for the same image; use {sha} here and put " + moving.written()
                                + " in movingTags (e.g. {service}-" + moving.written() + ")");
                return;
            }
        }
        check(template, IMMUTABLE_TAG, problems);
    }
}
