package dev.herald.kafka;

/**
 * A record that can never become an event as it is (not JSON, no event id, an unknown type): retrying it would
 * block its partition forever, so it is set aside in the events DLQ instead. The reason names the rule, never the
 * record's content.
 */
public final class PoisonRecordException extends RuntimeException {
    private final String reason;

    public PoisonRecordException(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
