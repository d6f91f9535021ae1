package dev.ferry.plan.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

/** Plan texts for the reader's tests: a valid plan, and a way to read the problems of a broken one. */
final class Plans {

    /** A small valid plan: two services split, built and deployed to dev and prod. Line numbers are relied on. */
    static final String VALID = """
            apiVersion: ferry.dev/v1
            kind: MigrationPlan
            metadata:
              name: shop
            spec:
              source:
                repository: https://github.com/acme/shop.git
              defaults:
                target:
                  repository: https://github.com/acme/shop-{service}.git
              registry:
                host: registry.example.com
                repository: acme
              gitops:
                repository: https://github.com/acme/gitops.git
                layout: helm-values
                path: envs/{env}/{service}/values.yaml
              environments:
                - name: dev
                - name: prod
              services:
                - name: api
                  path: services/api
                - name: web
                  path: web
              phases:
                - name: split
                  action: split
                - name: build
                  action: build
                  dependsOn: [split]
                - name: deploy-dev
                  action: deploy
                  environment: dev
                  dependsOn: [build]
                - name: deploy-prod
                  action: deploy
                  environment: prod
                  dependsOn: [deploy-dev]
                  approval: required
            """;

    private Plans() {}

    /** The problems of a plan that must be invalid, each as its one-line text. */
    static List<String> problems(String yaml) {
        InvalidPlanException invalid =
                catchThrowableOfType(InvalidPlanException.class, () -> PlanReader.read("plan.yaml", yaml));
        assertThat(invalid).as("the plan should be invalid").isNotNull();
        return invalid.problems().stream().map(PlanProblem::toString).toList();
    }

    /** {@link #VALID} with one piece of text replaced; fails when the text is not in it, so tests stay honest. */
    static String validWith(String text, String replacement) {
        if (!VALID.contains(text)) {
            throw new IllegalArgumentException("the valid plan has no \"" + text + "\"");
        }
        return VALID.replace(text, replacement);
    }

    /** {@link #VALID} with more fields on its split phase (phases[0]). */
    static String onSplit(String fields) {
        return validWith("      action: split\n", "      action: split\n" + fields);
    }

    /** {@link #VALID} with more fields on its build phase (phases[1]). */
    static String onBuild(String fields) {
        return validWith("      action: build\n", "      action: build\n" + fields);
    }

    /** {@link #VALID} with more fields on its service web (services[1]). */
    static String onWeb(String fields) {
        return validWith("      path: web\n", "      path: web\n" + fields);
    }

    /** {@link #VALID} with a fifth phase of {@code action} after deploy-prod. */
    static String withPhase(String action, String fields) {
        return VALID + "    - name: extra\n      action: " + action + "\n      dependsOn: [deploy-prod]\n" + fields;
    }

    /** {@link #VALID} with an empty services list. */
    static String withoutServices() {
        return VALID.substring(0, VALID.indexOf("  services:")) + "  services: []\n"
                + VALID.substring(VALID.indexOf("  phases:"));
    }
}
