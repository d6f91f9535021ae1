package dev.ferry.cli.status;

import dev.ferry.plan.DryRun;
import java.util.Map;

/**
 * The plan a run runs, as the planner serves it ({@code GET /migrations/{id}/plan}): the document as it was sent,
 * the run's parameters, and the dry run the planner works out with the same code as {@code ferry plan show}.
 */
public record RunPlan(
        String migrationId, String planName, Map<String, String> parameters, String document, DryRun dryRun) {}
