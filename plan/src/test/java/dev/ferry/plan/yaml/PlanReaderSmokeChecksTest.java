package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.withPhase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.action.Deploy;
import dev.ferry.plan.action.SmokeCheck;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A deploy phase's smoke checks: read into settings, and a check deploy-service could not run refused at read. */
class PlanReaderSmokeChecksTest {

    private static String deploy(String checks) {
        return withPhase("deploy", "      environment: prod\n      checkDeadline: 3m\n      checks:\n" + checks);
    }

    @Test
    void readsEachCheckWithItsMethodStatusAndBodyMatch() {
        var settings = PlanReader.read("plan.yaml", deploy("""
                        health: GET https://{service}.{env}.example.com/health 200 json $.status=UP
                        home: https://{service}.{env}.example.com/ contains Welcome
                """))
                .phase("extra")
                .orElseThrow()
                .settings();

        assertThat(Deploy.checks(settings))
                .containsExactly(
                        new SmokeCheck(
                                "health",
                                "GET",
                                "https://{service}.{env}.example.com/health",
                                200,
                                Optional.empty(),
                                Optional.of("$.status"),
                                Optional.of("UP")),
                        new SmokeCheck(
                                "home",
                                "GET",
                                "https://{service}.{env}.example.com/",
                                200,
                                Optional.of("Welcome"),
                                Optional.empty(),
                                Optional.empty()));
        assertThat(settings).containsEntry(Deploy.CHECK_DEADLINE, "3m");
        assertThat(Deploy.checks(settings).getFirst().url("user-service", "prod"))
                .isEqualTo("https://user-service.prod.example.com/health");
    }

    @Test
    void refusesACheckUrlThatIsNotHttp() {
        assertThat(problems(deploy("        db: GET ftp://{service}.example.com/health 200\n")))
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .contains("phases[4].checks.db")
                        .contains("check db: ftp://{service}.example.com/health is not an http(s) URL"));
    }

    @Test
    void refusesABodyMatchItCannotRead() {
        assertThat(problems(deploy("        health: https://x.example.com/ 200 matches ok\n")))
                .singleElement()
                .satisfies(problem -> assertThat(problem).contains("'matches ok' is neither a status"));
    }

    @Test
    void aDeployPhaseThatRollsBackOnFailureTellsDeployServiceInItsSettings() {
        var phase = PlanReader.read(
                        "plan.yaml",
                        deploy("        health: https://{service}.{env}.example.com/health\n")
                                + "      onFailure: rollback\n")
                .phase("extra")
                .orElseThrow();

        assertThat(phase.onFailure()).isEqualTo(dev.ferry.plan.FailurePolicy.ROLLBACK);
        assertThat(Deploy.rollsBackOnFailure(phase.settings())).isTrue();
    }

    @Test
    void refusesRollbackOnFailureOnAPhaseThatDeploysNothing() {
        assertThat(problems(withPhase("gate", "      checklist: [looks fine]\n      onFailure: rollback\n")))
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .contains("phases[4].onFailure")
                        .contains("a gate phase has neither: add the backup-database phase to dependsOn, or use stop or"
                                + " continue"));
    }

    @Test
    void takesRollbackOnFailureOnAPhaseAfterABackupWhoseDumpItRestores() {
        String plan = Plans.VALID + """
                    - name: backup-monolith
                      action: backup-database
                      dependsOn: [deploy-prod]
                      database: jdbc:postgresql://monolith-db:5432/shop
                      credentialRef: monolith-db
                    - name: extra
                      action: gate
                      dependsOn: [backup-monolith]
                      checklist: [looks fine]
                      onFailure: rollback
                """;

        assertThat(PlanReader.read("plan.yaml", plan)
                        .phase("extra")
                        .orElseThrow()
                        .onFailure())
                .isEqualTo(dev.ferry.plan.FailurePolicy.ROLLBACK);
    }
}
