package dev.ferry.planner.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.avro.DeployMode;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.yaml.PlanReader;
import dev.ferry.planner.domain.run.PriorResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a worker receives for one step of the example plans. */
class ServiceWorkMappingTest {

    private static final PriorResults NOTHING_YET = new PriorResults(Map.of(), null);

    @Test
    void aDeployOfAnImageThePlanDoesNotBuildCarriesItsFixedTagAndTheResolvedGitOpsFile() {
        MigrationPlan plan = PlanReader.read(Path.of("../examples/gitops-rollout-23-services.yaml"));

        ServiceWork work = ServiceWorkMapping.work(plan, "admin", "dev", NOTHING_YET, Map.of(), List.of());

        assertThat(work.getPrior().getImageTag()).isEqualTo("v1.0.0");
        assertThat(work.getGitops().getNamespace()).isEqualTo("frontend-services-dev");
        assertThat(work.getGitops().getMode()).isEqualTo(DeployMode.ARGO_CD);
    }

    @Test
    void aSplitStepNamesTheSourcePathTargetAndPinnedCommit() {
        MigrationPlan plan = PlanReader.read(Path.of("../examples/fitsync-multi-repo.yaml"));

        ServiceWork work = ServiceWorkMapping.work(
                plan, "user-service", null, NOTHING_YET, Map.of("sourceCommit", "c".repeat(40)), List.of());

        assertThat(work.getSource().getPath()).isEqualTo("services/user-service");
        assertThat(work.getSource().getCommit()).isEqualTo("c".repeat(40));
        assertThat(work.getTarget().getRepository())
                .isEqualTo("https://github.com/FitSync-G13/fitsync-user-service.git");
        assertThat(work.getParameters()).containsEntry("sourceCredentialRef", "github-token");
        assertThat(work.getGitops()).isNull();
    }

    @Test
    void aTrafficShiftStepCarriesTheEnvironmentsGitOpsRepositoryWhereItsRouteFileIs() {
        MigrationPlan plan = PlanReader.read(Path.of("../examples/chat-auth-gradual.yaml"));

        ServiceWork work =
                ServiceWorkMapping.work(plan, "auth-service", "production", NOTHING_YET, Map.of(), List.of());

        assertThat(work.getGitops().getRepository()).isEqualTo("https://github.com/chat-app/chat-gitops.git");
        assertThat(work.getGitops().getBranch()).isEqualTo("main");
        assertThat(work.getGitops().getCredentialRef()).isEqualTo("gitops-token");
    }
}
