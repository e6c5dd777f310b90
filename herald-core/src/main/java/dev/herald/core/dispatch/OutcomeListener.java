package dev.herald.core.dispatch;

import java.util.List;

/** Told about outcomes once they are committed (wait mode, metrics, read models). */
public interface OutcomeListener {
    void recorded(List<Outcome> outcomes);
}
