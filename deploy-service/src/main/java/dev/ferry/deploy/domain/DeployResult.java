package dev.ferry.deploy.domain;

import java.time.Duration;

/** A deploy step that finished: what was written to GitOps, what the cluster reached, and how long it all took. */
public record DeployResult(WriteOutcome written, SyncReport sync, Duration duration) {}
