package dev.herald.core.model;

/** Urgency of a notification; each priority is its own dispatch lane so bulk traffic never delays urgent traffic. */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW;

    /** CRITICAL and HIGH: while they have work, the bulk lanes (NORMAL, LOW) yield cores, connections and commits. */
    public boolean urgent() {
        return this == CRITICAL || this == HIGH;
    }
}
