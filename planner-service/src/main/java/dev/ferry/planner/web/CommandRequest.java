package dev.ferry.planner.web;

import dev.ferry.contracts.avro.AbortMigration;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.PauseMigration;
import dev.ferry.contracts.avro.ResumeMigration;
import dev.ferry.contracts.avro.RetryFailedSteps;
import dev.ferry.contracts.avro.RollbackService;
import java.util.List;

/**
 * The body of {@code POST /migrations/{id}/commands}: the command's name and its fields, as the CLI's options name
 * them, e.g. {@code {"command": "approve", "phase": "deploy-prod", "environment": "prod"}}.
 */
record CommandRequest(
        String command,
        String phase,
        String environment,
        String role,
        List<String> services,
        String service,
        String toTag,
        String reason) {

    /** The command union's payload; an unknown command or a missing field is refused with what to send instead. */
    Object payload() {
        if (command == null) {
            throw new IllegalArgumentException(
                    "the body names no command; send {\"command\": \"approve|pause|resume|abort|retry|rollback\", ...}");
        }
        return switch (command) {
            case "approve" ->
                ApprovePhase.newBuilder()
                        .setPhase(required(phase, "phase"))
                        .setEnvironment(environment)
                        .setRole(role)
                        .build();
            case "pause" -> new PauseMigration();
            case "resume" -> new ResumeMigration();
            case "abort" -> new AbortMigration();
            case "retry" -> new RetryFailedSteps(phase, services == null ? List.of() : services);
            case "rollback" ->
                new RollbackService(required(service, "service"), required(environment, "environment"), toTag);
            default ->
                throw new IllegalArgumentException("unknown command \"" + command
                        + "\"; one of approve, pause, resume, abort, retry, rollback (start a run with ferry apply)");
        };
    }

    private String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(command + " needs \"" + field + "\"");
        }
        return value;
    }
}
