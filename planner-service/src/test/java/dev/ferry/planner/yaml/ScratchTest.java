package dev.ferry.planner.yaml;

import dev.ferry.planner.domain.plan.DryRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void print() {
        for (String f : new String[] {"fitsync-multi-repo.yaml", "gitops-rollout-23-services.yaml"}) {
            try {
                System.out.println(DryRun.describe(PlanReader.read(Path.of("../examples", f))));
            } catch (InvalidPlanException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
