package dev.herald.core.broadcast;

import dev.herald.core.model.DeliveryStatus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a broadcast stands, as the API and the console show it. {@code state} is the stored one, except that a
 * PLANNED broadcast none of whose deliveries is still on its way shows as DONE. The delivery counts are read from the
 * deliveries themselves: {@code sent} counts SENT, DELIVERED and READ; {@code failed} FAILED and DEAD;
 * {@code pending} every status not final yet.
 */
public record BroadcastProgress(Broadcast broadcast, String state, long sent, long suppressed, long failed,
                                long cancelled, long expired, long pending, Map<DeliveryStatus, Long> deliveries) {
    public static final String DONE = "DONE";

    public static BroadcastProgress of(Broadcast b, Map<DeliveryStatus, Long> counts) {
        Map<DeliveryStatus, Long> sorted = new EnumMap<>(DeliveryStatus.class);
        sorted.putAll(counts);
        long pending = sorted.entrySet().stream().filter(e -> !e.getKey().isFinal())
                .mapToLong(Map.Entry::getValue).sum();
        String state = b.state() == BroadcastState.PLANNED && pending == 0 ? DONE : b.state().name();
        return new BroadcastProgress(b, state, sum(sorted, DeliveryStatus.SENT, DeliveryStatus.DELIVERED,
                DeliveryStatus.READ), sum(sorted, DeliveryStatus.SUPPRESSED),
                sum(sorted, DeliveryStatus.FAILED, DeliveryStatus.DEAD), sum(sorted, DeliveryStatus.CANCELLED),
                sum(sorted, DeliveryStatus.EXPIRED), pending, Collections.unmodifiableMap(sorted));
    }

    /** Whether the numbers may still move: planning or cancelling goes on, or deliveries are on their way. */
    public boolean moving() {
        return broadcast.state().hasWork() || pending > 0;
    }

    private static long sum(Map<DeliveryStatus, Long> counts, DeliveryStatus... statuses) {
        long n = 0;
        for (DeliveryStatus s : statuses) {
            n += counts.getOrDefault(s, 0L);
        }
        return n;
    }
}
