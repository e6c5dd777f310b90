package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.deadletter.DeadLetter;
import dev.herald.core.deadletter.DeadLetterFilter;
import dev.herald.core.deadletter.DeadLetterPage;
import dev.herald.core.deadletter.DeadLetters;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.request.Violations;
import dev.herald.core.model.Channel;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.model.Priority;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The dead-letter queue for operators: what used up its attempts, and replaying or discarding it. A replay goes
 * back to the queue with a fresh set of attempts; a discard is CANCELLED and stays in the delivery's history.
 */
@RestController
@RequestMapping("/api/v1/admin/dlq")
class DeadLetterController {
    private static final int MAX_LIMIT = 200;
    // One call replays at most this many; call again for the rest (each reply says how many went).
    private static final int MAX_REPLAY = 10_000;

    private final DeadLetters deadLetters;
    private final LaneSignals signals;
    private final Clock clock;
    private final AuditedChange audited;

    DeadLetterController(DeadLetters deadLetters, LaneSignals signals, Clock clock, AuditedChange audited) {
        this.audited = audited;
        this.deadLetters = deadLetters;
        this.signals = signals;
        this.clock = clock;
    }

    record PageJson(List<DeadLetter> items, String nextCursor) {
        static PageJson of(DeadLetterPage page) {
            return new PageJson(page.items(), PageCursor.encode(page.nextCursor()));
        }
    }

    record ReplayedJson(int replayed) {
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping
    PageJson list(Caller caller, @RequestParam(required = false) String channel,
                  @RequestParam(required = false) String type, @RequestParam(required = false) String since,
                  @RequestParam(defaultValue = "50") String limit, @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        DeadLetterFilter filter = filter(v, channel, type, since);
        int parsedLimit = QueryParams.limit(v, limit, MAX_LIMIT);
        UUID before = PageCursor.decode(v, cursor);
        v.throwIfAny();
        return PageJson.of(deadLetters.list(caller.tenant(), filter, parsedLimit, before));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{deliveryId}/retry")
    ResponseEntity<ReplayedJson> retry(Caller caller, @PathVariable String deliveryId) {
        ForbiddenException.require(caller, Scope.ADMIN);
        UUID id = id(deliveryId);
        Optional<Priority> lane = audited.run(caller, () -> deadLetters.retry(caller.tenant(), id, clock.instant()),
                replayed -> replayed.map(l -> Audited.of(AuditAction.DLQ_RETRIED, "delivery:" + id,
                        AuditSummary.of("lane", l))).orElse(Audited.NOTHING));
        // Woken once the replay is committed, so the dispatcher finds the row.
        signals.wake(lane.orElseThrow(() -> new NotFoundException("no dead letter " + deliveryId)));
        return ResponseEntity.accepted().body(new ReplayedJson(1));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.ACCEPTED)
    @PostMapping("/retry-all")
    ResponseEntity<ReplayedJson> retryAll(Caller caller, @RequestParam(required = false) String channel,
                                          @RequestParam(required = false) String type,
                                          @RequestParam(required = false) String since) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        DeadLetterFilter filter = filter(v, channel, type, since);
        v.throwIfAny();
        DeadLetters.Replayed replayed = deadLetters.retryAll(caller.tenant(), filter, MAX_REPLAY, clock.instant());
        replayed.lanes().forEach(signals::wake);
        // The replay commits one letter at a time (no long lock on thousands of rows), so its entry follows it.
        if (replayed.count() > 0) {
            audited.recordAfterwards(caller, Audited.of(AuditAction.DLQ_RETRIED_ALL, "dlq",
                    AuditSummary.of("replayed", replayed.count()).and("channel", filter.channel())
                            .and("type", filter.type()).and("since", filter.since())));
        }
        return ResponseEntity.accepted().body(new ReplayedJson(replayed.count()));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{deliveryId}")
    ResponseEntity<Void> discard(Caller caller, @PathVariable String deliveryId) {
        ForbiddenException.require(caller, Scope.ADMIN);
        UUID id = id(deliveryId);
        if (!audited.run(caller, () -> deadLetters.discard(caller.tenant(), id, clock.instant()),
                gone -> gone ? Audited.of(AuditAction.DLQ_DISCARDED, "delivery:" + id) : Audited.NOTHING)) {
            throw new NotFoundException("no dead letter " + deliveryId);
        }
        return ResponseEntity.noContent().build();
    }

    private static DeadLetterFilter filter(Violations v, String channel, String type, String since) {
        Channel parsedChannel = QueryParams.channel(v, channel);
        QueryParams.type(v, type);
        Instant parsedSince = null;
        if (since != null) {
            try {
                parsedSince = Instant.parse(since);
                if (parsedSince.isBefore(Instant.parse("2000-01-01T00:00:00Z"))
                        || parsedSince.isAfter(Instant.parse("9999-12-31T00:00:00Z"))) {
                    v.add("since", "range", "must be a date between the years 2000 and 9999");
                    parsedSince = null;
                }
            } catch (DateTimeParseException e) {
                v.add("since", "format", "must be an ISO-8601 instant like 2026-11-21T09:00:00Z");
            }
        }
        return new DeadLetterFilter(parsedChannel, type, parsedSince);
    }

    private static UUID id(String value) {
        return QueryParams.requiredId("deliveryId", value, "a delivery id");
    }
}
