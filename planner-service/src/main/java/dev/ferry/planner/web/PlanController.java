package dev.ferry.planner.web;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.yaml.InvalidPlanException;
import dev.ferry.plan.yaml.PlanCheck;
import dev.ferry.plan.yaml.PlanProblem;
import dev.ferry.planner.app.PlanDocuments;
import dev.ferry.planner.app.RunCoordinator;
import dev.ferry.planner.app.RunHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plans for people: the plan a run runs with its dry run ({@code GET /migrations/{id}/plan}), and a plan not applied
 * yet checked as a start command would be, with its problems or its dry run ({@code POST /plans/dry-run}). The dry
 * run is the plan module's, the one {@code ferry plan show} prints.
 */
@RestController
class PlanController {

    /** Bigger than any plan a person writes; a longer body is refused after reading this much of it, no more. */
    static final int MAX_PLAN_BYTES = 1 << 20;

    private final RunCoordinator coordinator;
    private final PlanDocuments documents;

    PlanController(RunCoordinator coordinator, PlanDocuments documents) {
        this.coordinator = coordinator;
        this.documents = documents;
    }

    /**
     * A run's plan.
     *
     * @param document the plan as it was sent, comments included
     */
    record RunPlan(
            String migrationId, String planName, Map<String, String> parameters, String document, DryRun dryRun) {}

    @GetMapping("/migrations/{id}/plan")
    RunPlan plan(@PathVariable String id) {
        RunHeader header = coordinator.headers().stream()
                .filter(run -> run.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new UnknownRun(id));
        DryRun dryRun = coordinator.run(id).map(run -> DryRun.of(run.plan())).orElseThrow(() -> new UnknownRun(id));
        return new RunPlan(id, header.planName(), header.parameters(), header.planDocument(), dryRun);
    }

    /**
     * Checks a plan (the YAML text as the body) as the planner checks a start command's, credential bindings
     * included; 200 with the dry run when it is valid, 422 with every problem when it is not.
     *
     * @param name the plan's file name in problem messages, without {@code .yaml}
     */
    @PostMapping(
            path = "/plans/dry-run",
            consumes = {MediaType.TEXT_PLAIN_VALUE, "application/yaml", "application/x-yaml"})
    ResponseEntity<PlanCheck> dryRun(@RequestParam(defaultValue = "plan") String name, InputStream body)
            throws IOException {
        byte[] bytes = body.readNBytes(MAX_PLAN_BYTES + 1);
        if (bytes.length > MAX_PLAN_BYTES) {
            return invalid(name, "the plan is over " + MAX_PLAN_BYTES + " bytes; no plan is that long");
        }
        String document = new String(bytes, StandardCharsets.UTF_8);
        if (document.isBlank()) {
            return invalid(name, "the body is empty; send the plan's YAML text");
        }
        try {
            return ResponseEntity.ok(PlanCheck.of(documents.read(name, document)));
        } catch (IllegalArgumentException refused) {
            if (refused.getCause() instanceof InvalidPlanException invalid) {
                return ResponseEntity.unprocessableEntity().body(PlanCheck.refused(invalid.problems()));
            }
            return invalid(name, refused.getMessage());
        }
    }

    private static ResponseEntity<PlanCheck> invalid(String name, String message) {
        return ResponseEntity.unprocessableEntity()
                .body(PlanCheck.refused(List.of(new PlanProblem(name + ".yaml", 1, 1, "", message))));
    }
}
