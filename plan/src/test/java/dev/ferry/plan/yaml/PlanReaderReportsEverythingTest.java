package dev.ferry.plan.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** An author fixes a plan in one go only when every problem is reported at once, in file order. */
class PlanReaderReportsEverythingTest {

    private static final String MANY_PROBLEMS = """
            apiVersion: ferry.dev/v1
            kind: MigrationPlan
            metadata:
              name: shop
            spec:
              source:
                repository: https://github.com/acme/shop.git
              defaults:
                target:
                  repository: https://github.com/acme/{servce}.git
              registry:
                repository: acme
              gitops:
                repository: https://github.com/acme/gitops.git
                layout: helm-values
                path: envs/{env}/{service}/values.yaml
              environments:
                - name: dev
              services:
                - name: api
                  path: /services/api
                - name: api
                  path: web
                  prot: 80
              phases:
                - name: split
                  action: split
                - name: build
                  action: build
                  dependsOn: [split]
                  retry: {attempts: 0, backoff: soon}
                - name: deploy-dev
                  action: deploy
                  environment: dve
                  dependsOn: [bild]
            """;

    @Test
    void reportsEveryProblemInFileOrderOnePerLineOfTheMessage() {
        InvalidPlanException invalid =
                catchThrowableOfType(InvalidPlanException.class, () -> PlanReader.read("plan.yaml", MANY_PROBLEMS));

        assertThat(invalid.problems())
                .extracting(PlanProblem::toString)
                .containsExactly(
                        "plan.yaml:10:19 defaults.target.repository: has an unknown placeholder {servce} (did you"
                                + " mean {service}?); usable here: {service}",
                        "plan.yaml:21:13 services[0].path: service path \"/services/api\" is absolute; give it"
                                + " relative to the repository root, e.g. services/user-service",
                        "plan.yaml:22:13 services[1].name: duplicate service \"api\" (first at line 20)",
                        "plan.yaml:24:7 services[1].prot: unknown field \"prot\" (did you mean \"port\"?); known"
                                + " here: name, path, paths, port, target, image, deploy, parameters, buildArgs",
                        "plan.yaml:31:25 phases[1].retry.attempts: must be at least 1 (the first try counts), was 0",
                        "plan.yaml:31:37 phases[1].retry.backoff: \"soon\" is not a duration; write a number with a"
                                + " unit: 500ms, 30s, 2m, 1h, 2d or a sum such as 1m30s",
                        "plan.yaml:34:20 phases[2].environment: unknown environment \"dve\" (did you mean \"dev\"?)",
                        "plan.yaml:35:19 phases[2].dependsOn: unknown phase \"bild\" (did you mean \"build\"?)");
        assertThat(invalid.getMessage().lines()).hasSize(invalid.problems().size());
        assertThat(invalid.getMessage()).startsWith("plan.yaml:10:19 defaults.target.repository:");
    }

    @Test
    void carriesFileLineColumnAndPathSeparately() {
        InvalidPlanException invalid =
                catchThrowableOfType(InvalidPlanException.class, () -> PlanReader.read("plan.yaml", MANY_PROBLEMS));

        assertThat(invalid.problems().getLast())
                .isEqualTo(new PlanProblem(
                        "plan.yaml",
                        35,
                        19,
                        "phases[2].dependsOn",
                        "unknown phase \"bild\" (did you mean \"build\"?)"));
    }
}
