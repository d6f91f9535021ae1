package dev.ferry.deploy.domain;

import java.time.Duration;

/** Waits between two looks at a cluster; injected so tests and the domain never sleep on their own. */
@FunctionalInterface
public interface Pause {

    void pause(Duration duration) throws InterruptedException;
}
