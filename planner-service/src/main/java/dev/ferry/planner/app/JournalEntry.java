package dev.ferry.planner.app;

import dev.ferry.planner.domain.run.RunInput;
import java.time.Instant;

/** One input a run handled, in order, with the instant it was handled at: replaying them rebuilds the run. */
public record JournalEntry(int sequence, String eventId, RunInput input, Instant at) {}
