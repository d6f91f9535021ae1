package dev.ferry.build.domain;

/** Why a build step failed, in the terms a person acts on; mirrors the contract's error kinds. */
public enum FailureKind {
    INVALID_INPUT,
    NOT_FOUND,
    AUTHENTICATION,
    UNREACHABLE,
    CONFLICT,
    TIMEOUT,
    UNSUPPORTED,
    INTERNAL
}
