package dev.herald.core.recipients;

import java.time.Instant;

/** A device a user registered for push: the token its push service issued and which service that is. */
public record Device(String userId, PushAddress.PushPlatform platform, String token, Instant registeredAt) {
    public PushAddress address() {
        return new PushAddress(platform, token);
    }
}
