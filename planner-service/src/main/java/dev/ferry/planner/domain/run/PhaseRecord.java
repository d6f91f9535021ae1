package dev.ferry.planner.domain.run;

import java.util.ArrayList;
import java.util.List;

/** The run's memory of one forward phase beyond its steps: its approvals, and whether its end was announced. */
final class PhaseRecord {
    boolean approvalRequested;
    /** Who approved, once every sign-off the phase needs is in; null before. */
    String approvedBy;
    /** The sign-offs given so far, in order. */
    final List<Approval> approvals = new ArrayList<>();

    boolean finishReported;

    boolean approved() {
        return approvedBy != null;
    }

    /** The listed sign-off roles no one has given yet (a role listed twice is missing until two people gave it). */
    List<String> signOffsMissing(List<String> listed) {
        List<String> missing = new ArrayList<>(listed);
        approvals.forEach(given -> missing.remove(given.role()));
        return missing;
    }
}
