package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.startedServices;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.yaml.PlanReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example plans, as users copy them, run their phases in the order they are written to run. */
class ExamplePlansRunTest {

    @Test
    void fitsyncConfiguresEachRepositoryAfterItsSplitThenScaffoldsThenBuilds() {
        // The shared libraries are split first and adopted by people; the seven applications follow.
        MigrationPlan plan = PlanReader.read(Path.of("../examples/fitsync-multi-repo.yaml"));
        List<String> libraries = List.of("common", "common-py");
        List<String> services = plan.services().stream()
                .map(s -> s.name())
                .filter(name -> !libraries.contains(name))
                .toList();
        var driver = new RunDriver(plan);
        for (String library : libraries) {
            driver.succeed("shared-libraries", library);
        }
        driver.handle(new RunInput.Approve("libraries-adopted", null, "alice"));

        var configured = new ArrayList<String>();
        for (String service : services) {
            configured.addAll(startedServices(driver.succeed("split", service), "configure"));
        }
        assertThat(configured).as("each service's repository, once it is split").containsExactlyElementsOf(services);

        var scaffolded = new ArrayList<String>();
        var built = new ArrayList<String>();
        for (String service : services) {
            scaffolded.addAll(startedServices(driver.succeed("configure", service), "scaffold"));
            built.addAll(startedServices(driver.succeed("scaffold", service), "build"));
        }
        assertThat(scaffolded).containsExactlyElementsOf(services);
        assertThat(built).containsExactlyElementsOf(services);
    }
}
