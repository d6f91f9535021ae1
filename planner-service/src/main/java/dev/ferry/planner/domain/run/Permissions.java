package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may do what to a run. Roles come from the issuer's verified token (or from groups mapped in configuration):
 *
 * <ul>
 *   <li>{@code viewer}: reads status only; no command;
 *   <li>{@code operator}: start, pause, resume, retry, and roll back to the tag deployed before;
 *   <li>{@code approver} (every environment) or {@code approver:<environment>}: approves phases, those deploying to
 *       that environment for the second;
 *   <li>{@code admin}: everything, abort and rollback to a named tag among it.
 * </ul>
 *
 * A phase that asks for approvals by named roles (developer, tech-lead, ...) takes each from a holder of that role.
 */
public final class Permissions {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String APPROVER = "approver";
    public static final String ADMIN = "admin";

    private Permissions() {}

    /** Why this issuer may not start a run, if they may not. Null roles: commands are trusted as declared. */
    public static Optional<String> refusalToStart(String issuer, List<String> roles) {
        return missing(issuer, roles, "start a run", List.of(OPERATOR));
    }

    /** Why the command's issuer may not issue it in this run, if they may not. */
    static Optional<String> refusal(RunInput.Command command, MigrationRun run) {
        if (command.roles() == null) {
            return Optional.empty();
        }
        return switch (command) {
            case RunInput.Pause pause -> missing(pause, "pause the run", List.of(OPERATOR));
            case RunInput.Resume resume -> missing(resume, "resume the run", List.of(OPERATOR));
            case RunInput.Retry retry -> missing(retry, "retry steps", List.of(OPERATOR));
            case RunInput.Abort abort -> missing(abort, "abort the run", List.of());
            case RunInput.Rollback rollback ->
                rollback.toTag() == null
                        ? missing(rollback, "roll " + rollback.service() + " back", List.of(OPERATOR))
                        : missing(
                                rollback,
                                "roll " + rollback.service() + " back to the named tag " + rollback.toTag(),
                                List.of());
            case RunInput.Approve approve -> approval(approve, run);
        };
    }

    /**
     * A phase that lists sign-off roles takes each from a holder of that role (the one named, or any of them when the
     * approver names none); any other phase takes the approver role, for its environment or for all.
     */
    private static Optional<String> approval(RunInput.Approve approve, MigrationRun run) {
        Optional<PhaseDefinition> phase = run.plan().phase(approve.phase());
        String what = "approve " + approve.phase();
        List<String> named = phase.map(PhaseDefinition::approvals).orElse(List.of());
        if (!named.isEmpty()) {
            return approve.role() != null
                    ? missing(approve, what + " as " + approve.role(), List.of(approve.role()))
                    : missing(approve, what, named.stream().distinct().toList());
        }
        String environment = phase.map(PhaseDefinition::environment).orElse(null);
        return environment == null
                ? missing(approve, what, List.of(APPROVER))
                : missing(approve, what, List.of(APPROVER, APPROVER + ":" + environment));
    }

    private static Optional<String> missing(RunInput.Command command, String what, List<String> enough) {
        return missing(command.issuedBy(), command.roles(), what, enough);
    }

    /** @param enough any one of these roles suffices; admin always does */
    private static Optional<String> missing(String issuer, List<String> roles, String what, List<String> enough) {
        if (roles == null || roles.contains(ADMIN) || enough.stream().anyMatch(roles::contains)) {
            return Optional.empty();
        }
        var needed = new ArrayList<>(enough);
        needed.add(ADMIN);
        return Optional.of(issuer + " may not " + what + ": it takes the role " + String.join(" or ", needed)
                + "; their roles: " + (roles.isEmpty() ? "none" : String.join(", ", roles)));
    }
}
