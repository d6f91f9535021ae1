package dev.ferry.notifier.domain;

/**
 * The run store could not save a state. The event being taken in must be taken in again later, never dropped, so the
 * listener keeps retrying it instead of giving up after a few attempts.
 */
public final class StateNotSaved extends RuntimeException {

    public StateNotSaved(String message, Throwable cause) {
        super(message, cause);
    }
}
