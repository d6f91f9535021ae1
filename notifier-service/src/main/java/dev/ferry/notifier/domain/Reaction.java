package dev.ferry.notifier.domain;

import java.util.List;

/** What one event does to a run's grid, and which replies it calls for. */
public record Reaction(RunBoard board, List<Reply> replies) {

    public Reaction {
        replies = List.copyOf(replies);
    }
}
