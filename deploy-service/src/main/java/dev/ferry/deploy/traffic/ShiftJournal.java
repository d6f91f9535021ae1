package dev.ferry.deploy.traffic;

/** Keeps each running shift's progress durably, so a restart resumes it where it was. */
public interface ShiftJournal {

    /** Saves (or replaces) the shift's progress; returns once it would survive a crash. */
    void save(ShiftRequest request, ShiftProgress progress);
}
