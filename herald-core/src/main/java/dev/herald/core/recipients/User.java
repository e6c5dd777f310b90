package dev.herald.core.recipients;

import java.time.Instant;

/** A person in the tenant's user directory and the addresses Herald may reach them at. */
public record User(String id, String email, String phone, String locale, String timeZone, Instant updatedAt) {
}
