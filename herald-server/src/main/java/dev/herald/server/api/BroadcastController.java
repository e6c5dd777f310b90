package dev.herald.server.api;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastPage;
import dev.herald.core.broadcast.BroadcastProgress;
import dev.herald.core.broadcast.BroadcastState;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.broadcasts.BroadcastCancels;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Broadcasts: notifications sent to a topic ({@code POST /api/v1/notifications} with {@code "topic"}), their
 * progress while workers fan them out, and cancelling them.
 */
@RestController
@RequestMapping("/api/v1/broadcasts")
class BroadcastController {
    private final BroadcastStore broadcasts;
    private final BroadcastCancels cancels;

    BroadcastController(BroadcastStore broadcasts, BroadcastCancels cancels) {
        this.broadcasts = broadcasts;
        this.cancels = cancels;
    }

    /**
     * Where a broadcast stands. {@code state} is the stored one, except that a PLANNED broadcast none of whose
     * deliveries is still on its way shows as DONE. {@code total} is the audience counted when planning started
     * (null before); {@code planned} the notifications written so far; {@code skipped} subscribers no longer in the
     * directory; the delivery counts are read from the deliveries themselves ({@code pending}: not final yet).
     * {@code unreadable} names the stored parts this version could not read (shown empty, the state UNKNOWN).
     */
    record BroadcastJson(UUID id, String topic, String type, String state, Long total, long planned, long skipped,
                         long sent, long suppressed, long failed, long cancelled, long expired, long pending,
                         Map<DeliveryStatus, Long> deliveries, String stopReason, Instant createdAt,
                         Instant updatedAt, String unreadable) {
    }

    /** A broadcast as listed: no delivery counts, which are read per broadcast. */
    record ListedBroadcast(UUID id, String topic, String type, BroadcastState state, Long total, long planned,
                           Instant createdAt, Instant updatedAt, String unreadable) {
        static ListedBroadcast of(Broadcast b) {
            return new ListedBroadcast(b.id(), b.topic(), b.template().type(), b.state(), b.total(), b.planned(),
                    b.createdAt(), b.updatedAt(), b.unreadable());
        }
    }

    record BroadcastPageJson(List<ListedBroadcast> broadcasts, String nextCursor) {
    }

    @RequiresScope(Scope.READ)
    @GetMapping
    BroadcastPageJson list(Caller caller, @RequestParam(defaultValue = "20") int limit,
                           @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.READ);
        Violations v = new Violations();
        if (limit < 1 || limit > 100) {
            v.add("limit", "range", "must be between 1 and 100");
        }
        UUID after = PageCursor.decode(v, cursor);
        v.throwIfAny();
        BroadcastPage page = broadcasts.list(caller.tenant(), limit, after);
        return new BroadcastPageJson(page.broadcasts().stream().map(ListedBroadcast::of).toList(),
                PageCursor.encode(page.nextAfter()));
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/{id}")
    BroadcastJson get(Caller caller, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.READ);
        UUID parsed = QueryParams.requiredId("id", id, "a broadcast id");
        Broadcast broadcast = broadcasts.find(caller.tenant(), parsed).orElseThrow(() -> notFound(parsed));
        return view(caller, broadcast);
    }

    /**
     * Stops planning at once and cancels, in the background and in batches, every delivery of the broadcast not
     * yet taken by a dispatcher (as {@code DELETE /api/v1/notifications/{id}} does for one notification). Answers
     * the broadcast, CANCELLING until the batches are done; cancelling again changes nothing.
     */
    @RequiresScope(Scope.SEND)
    @PostMapping("/{id}/cancel")
    BroadcastJson cancel(Caller caller, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.SEND);
        UUID parsed = QueryParams.requiredId("id", id, "a broadcast id");
        return view(caller, cancels.cancel(caller, parsed).orElseThrow(() -> notFound(parsed)).after());
    }

    private BroadcastJson view(Caller caller, Broadcast b) {
        BroadcastProgress p = BroadcastProgress.of(b, broadcasts.deliveries(caller.tenant(), b.id()));
        return new BroadcastJson(b.id(), b.topic(), b.template().type(), p.state(), b.total(), b.planned(),
                b.skipped(), p.sent(), p.suppressed(), p.failed(), p.cancelled(), p.expired(), p.pending(),
                new TreeMap<>(p.deliveries()), b.stopReason(), b.createdAt(), b.updatedAt(), b.unreadable());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no broadcast " + id);
    }
}
