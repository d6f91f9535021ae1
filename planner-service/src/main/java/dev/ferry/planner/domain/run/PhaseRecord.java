package dev.ferry.planner.domain.run;

/** The run's memory of one forward phase beyond its steps: its approval, and whether its end was announced. */
final class PhaseRecord {
    boolean approvalRequested;
    String approvedBy;
    boolean finishReported;

    boolean approved() {
        return approvedBy != null;
    }
}
