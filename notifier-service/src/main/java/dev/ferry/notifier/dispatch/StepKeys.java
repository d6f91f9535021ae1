package dev.ferry.notifier.dispatch;

import dev.ferry.notifier.domain.NextStep;

/**
 * Names a step that may have happened without being saved. Uncertainty belongs to the step, not to the run: events
 * that arrive meanwhile can queue earlier messages in front of it, and those must not take its check away.
 */
final class StepKeys {

    private StepKeys() {}

    /** The key of a step whose repetition would show twice; null for a grid update, which is harmless to repeat. */
    static String of(String migrationId, NextStep step) {
        return switch (step) {
            case NextStep.OpenThread open -> parentKey(migrationId) + "@" + open.channel();
            case NextStep.Post post -> post.delivery().id();
            case NextStep.ShowGrid show -> null;
            case NextStep.Nothing nothing -> null;
        };
    }

    /** Identifies a run's parent message in the sink, so a restart can find one posted just before a crash. */
    static String parentKey(String migrationId) {
        return "run:" + migrationId;
    }
}
