package dev.herald.providers.chain;

import java.time.Duration;

/** Waits for a rate permit; a seam so tests can advance a settable clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = Thread::sleep;
}
