package dev.ferry.deploy.traffic;

/** What a running shift tells the planner as it goes, besides its final result: each commit and each evaluation. */
public interface ShiftEvents {

    /** One line for the step's live output ({@code ferry status}). */
    void said(ShiftRequest request, String line);
}
