package dev.herald.core.recipients;

import java.time.Instant;

/**
 * A person in the tenant's user directory and the addresses Herald may reach them at. {@code slack} is the
 * incoming-webhook URL of the user's own Slack channel, if they have one.
 */
public record User(String id, String email, String phone, String slack, String locale, String timeZone,
                   Instant updatedAt) {

    public User(String id, String email, String phone, String locale, String timeZone, Instant updatedAt) {
        this(id, email, phone, null, locale, timeZone, updatedAt);
    }
}
