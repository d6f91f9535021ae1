package dev.ferry.runtime.steps;

import java.util.HashMap;
import java.util.Map;

/**
 * What one worker knows of the attempts of each step it was asked to run: the newest attempt it took on and the newest
 * it answered (published a result for). From these alone it tells a step to run from a redelivery, a replay of an
 * answered attempt, or a stale attempt a newer one superseded. Pure bookkeeping; {@link HandledStepLog} makes it
 * durable.
 */
public final class StepAttempts {

    /** What a worker should do with a request for one attempt of one step. */
    public enum Verdict {
        /** Not taken on yet, or taken on and never answered (the worker stopped half-way): run it. */
        RUN,
        /** This attempt was answered already: it runs again only through effects that check their own evidence. */
        ANSWERED,
        /** A newer attempt was taken on since: this one is a replay of old work. */
        SUPERSEDED
    }

    /** The newest attempt taken on and the newest answered; 0 when none. */
    public record Marks(int taken, int answered) {
        static final Marks NONE = new Marks(0, 0);

        Marks merge(Marks other) {
            return new Marks(Math.max(taken, other.taken), Math.max(answered, other.answered));
        }

        /** As written in the log: {@code taken,answered}. */
        public String text() {
            return taken + "," + answered;
        }

        public static Marks parse(String text) {
            int comma = text.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException("a step's marks read \"taken,answered\", got \"" + text + "\"");
            }
            return new Marks(Integer.parseInt(text.substring(0, comma)), Integer.parseInt(text.substring(comma + 1)));
        }
    }

    private final Map<StepRef, Marks> marks = new HashMap<>();

    public Verdict judge(StepRef step, int attempt) {
        Marks known = marks.getOrDefault(step, Marks.NONE);
        if (attempt < known.taken()) {
            return Verdict.SUPERSEDED;
        }
        return attempt <= known.answered() ? Verdict.ANSWERED : Verdict.RUN;
    }

    /** Marks the attempt taken on; returns the step's new marks, or null when nothing changed. */
    public Marks take(StepRef step, int attempt) {
        return merge(step, new Marks(attempt, 0));
    }

    /** Marks the attempt answered; returns the step's new marks, or null when nothing changed. */
    public Marks answer(StepRef step, int attempt) {
        return merge(step, new Marks(attempt, attempt));
    }

    /** Takes in marks read from the log, whoever wrote them (this instance, or another replica of the worker). */
    public Marks merge(StepRef step, Marks read) {
        Marks known = marks.getOrDefault(step, Marks.NONE);
        Marks merged = known.merge(read);
        if (merged.equals(known)) {
            return null;
        }
        marks.put(step, merged);
        return merged;
    }

    public void forget(StepRef step) {
        marks.remove(step);
    }

    public int size() {
        return marks.size();
    }
}
