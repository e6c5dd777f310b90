package dev.herald.core.dispatch;

import java.time.Duration;
import java.util.List;

/** Told about outcomes once they are committed (wait mode, metrics, read models). */
public interface OutcomeListener {
    void recorded(List<Outcome> outcomes);

    /** How long the store took to commit a group of {@code count} outcomes; most listeners do not care. */
    default void committed(int count, Duration took) {
    }
}
