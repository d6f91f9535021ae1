package dev.ferry.planner.app;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit log: a command someone issued, what became of it and why. Written in the same transaction as
 * the change it made (or its refusal) and never changed afterwards.
 *
 * @param commandId the command's event id
 * @param command its name as people use it (start, approve, rollback ...)
 * @param issuedBy who, as verified (or as declared when the planner trusts commands), with the channel
 * @param roles the issuer's verified roles; null when the planner trusts commands as declared
 * @param reason why it was refused; null when it was applied
 */
public record CommandAudit(
        String migrationId,
        String commandId,
        String command,
        String issuedBy,
        List<String> roles,
        boolean applied,
        String reason,
        Instant at) {

    public CommandAudit {
        roles = roles == null ? null : List.copyOf(roles);
    }
}
