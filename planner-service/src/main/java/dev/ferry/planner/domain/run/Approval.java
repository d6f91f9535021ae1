package dev.ferry.planner.domain.run;

import java.time.Instant;

/**
 * One sign-off of a phase: who gave it, in which role, and when. A phase that lists several roles collects one per
 * role, each from a different person; the others need one, in the approver role.
 */
public record Approval(String by, String role, Instant at) {}
