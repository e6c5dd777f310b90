package dev.herald.core.clock;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Makes UUIDv7 ids: time-ordered, so the newest notifications sort last and ids double as paging cursors,
 * and index inserts stay append-mostly. Within one millisecond a 12-bit counter keeps ids of this generator
 * in creation order (RFC 9562, method 1), so deliveries list in the order they were planned.
 */
public final class IdGenerator {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis;
    private int sequence;

    public IdGenerator(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        long millis;
        long randA;
        synchronized (this) {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                sequence++;
                if (sequence > 0xFFF) {
                    // Counter exhausted inside one millisecond: borrow the next one rather than lose order.
                    millis++;
                    sequence = 0;
                }
            } else {
                sequence = random.nextInt(1 << 10);
            }
            lastMillis = millis;
            randA = sequence;
        }
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
