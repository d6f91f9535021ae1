package dev.ferry.notifier.domain;

/** State of one service in one phase, as the grid shows it. */
public enum CellStatus {
    PENDING("-"),
    RUNNING("running"),
    SUCCEEDED("done"),
    FAILED("FAILED"),
    AWAITING_APPROVAL("approval?"),
    ROLLING_BACK("rolling back"),
    ROLLED_BACK("rolled back");

    private final String label;

    CellStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A finished cell is only changed by an event that says so explicitly, never by a late "running". */
    boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK;
    }
}
