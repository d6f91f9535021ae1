package dev.ferry.plan.action;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One verb a phase can run, defined once: the reader takes its fields and checks its requirements, the dry run
 * prints its sentence, the planner starts it the way its performer needs and remembers what its undo needs, the JSON
 * Schema lists its fields. Every action is a constant of its own class in this package, listed in {@link Actions}.
 *
 * @param name how plans spell it ({@code action: split})
 * @param summary what a step does, in one phrase for people (the JSON Schema's help text for the action)
 * @param performer who carries a step out, which is all the planner's state machine needs to know
 * @param fields the phase fields this action takes beyond the ones every phase has
 * @param requires what the plan must provide (or run before) for a step of this action to have what it needs
 * @param outputs the names of the values a successful step reports; later steps of the service read them by name
 * @param defaultTimeout how long a step may run when the plan sets no {@code timeout}
 * @param retryable whether a failed step may be tried again under the phase's retry policy
 * @param undo what a rollback of the environment does about a step of this action
 * @param forward false for an action that never runs in the forward flow, only on a command (rollback)
 * @param sentence the dry run's line for one service's step
 */
public record Action(
        String name,
        String summary,
        Performer performer,
        List<ActionField> fields,
        Set<Requirement> requires,
        List<String> outputs,
        Duration defaultTimeout,
        boolean retryable,
        Undo undo,
        boolean forward,
        StepSentence sentence) {

    public Action {
        fields = List.copyOf(fields);
        requires = Set.copyOf(requires);
        outputs = List.copyOf(outputs);
    }

    /** Who carries out a step of an action. */
    public enum Performer {
        /** A worker service, told by {@code phase.started}; it answers with a result event or {@code step.failed}. */
        WORKER,
        /** A person, by approving the phase; the step succeeds with {@code approvedBy}. */
        PERSON,
        /**
         * The planner's clock: the step succeeds when the phase's {@code duration} is up (so the action takes that
         * field), and the wake-up survives planner restarts.
         */
        CLOCK
    }

    /** What a rollback of an environment does about a step of this action. */
    public enum Undo {
        /** Nothing to undo (a split repository stays; a build leaves an image nobody runs). */
        NONE,
        /** The environment's previous tag is deployed again; the run remembers each tag it deployed. */
        RESTORE_PREVIOUS_TAG,
        /** The new backend's traffic goes back to 0 % at once, and a shift still running for it stops. */
        TRAFFIC_TO_ZERO,
        /**
         * The migration is undone by {@code rollback-data} (its stream stops, the target tables it created go; after a
         * cutover data-service refuses and lists the rows written since), once the service runs its earlier version.
         */
        ROLLBACK_DATA,
        /**
         * The dump is restored by {@code restore-database}, when a later phase of the service that depends on this one
         * fails with {@code onFailure: rollback} (never on the rollback command: it would drop the writes since).
         */
        RESTORE_BACKUP
    }

    /** Whether the action runs in the forward flow of a run (every action but rollback). */
    public boolean runsForward() {
        return forward;
    }

    /** Whether a phase of this action waits for a person whatever its {@code approval} says. */
    public boolean waitsForPerson() {
        return performer == Performer.PERSON;
    }

    public boolean takes(String field) {
        return field(field).isPresent();
    }

    public Optional<ActionField> field(String field) {
        return fields.stream().filter(f -> f.name().equals(field)).findFirst();
    }

    public boolean needs(Requirement requirement) {
        return requires.contains(requirement);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Starts the definition of an action; see the action classes of this package. */
    static Builder named(String name, String summary) {
        return new Builder(name, summary);
    }

    /** Builds an {@link Action}; everything but the name, the summary and the sentence has a default. */
    static final class Builder {
        private final String name;
        private final String summary;
        private Performer performer = Performer.WORKER;
        private List<ActionField> fields = List.of();
        private Set<Requirement> requires = Set.of();
        private List<String> outputs = List.of();
        private Duration timeout = Duration.ofMinutes(30);
        private boolean retryable = true;
        private Undo undo = Undo.NONE;
        private boolean forward = true;

        private Builder(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        Builder performedBy(Performer value) {
            performer = value;
            return this;
        }

        Builder fields(ActionField... values) {
            fields = List.of(values);
            return this;
        }

        Builder requires(Requirement... values) {
            requires = Set.of(values);
            return this;
        }

        Builder outputs(String... names) {
            outputs = List.of(names);
            return this;
        }

        Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        Builder notRetryable() {
            retryable = false;
            return this;
        }

        Builder undo(Undo value) {
            undo = value;
            return this;
        }

        Builder onDemandOnly() {
            forward = false;
            return this;
        }

        Action describedAs(StepSentence sentence) {
            return new Action(
                    name, summary, performer, fields, requires, outputs, timeout, retryable, undo, forward, sentence);
        }
    }
}
