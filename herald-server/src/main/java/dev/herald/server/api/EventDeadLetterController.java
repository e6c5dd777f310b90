package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.deadletter.EventDeadLetter;
import dev.herald.core.deadletter.EventDeadLetterPage;
import dev.herald.core.deadletter.EventDeadLetters;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.kafka.SetAsideRecord;
import dev.herald.kafka.SetAsideReplay;
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

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Business-event records from Kafka that could not become notifications: list them, replay one once its cause is
 * fixed (through the same reading and intake as the consumer), or discard it.
 */
@RestController
@RequestMapping("/api/v1/admin/dlq/events")
class EventDeadLetterController {
    private static final int MAX_LIMIT = 200;
    private static final int MAX_SHOWN_VALUE = 64 * 1024;

    private final EventDeadLetters letters;
    private final SetAsideReplay replay;
    private final Clock clock;
    private final AuditedChange audited;

    EventDeadLetterController(EventDeadLetters letters, SetAsideReplay replay, Clock clock, AuditedChange audited) {
        this.letters = letters;
        this.audited = audited;
        this.replay = replay;
        this.clock = clock;
    }

    /**
     * @param value the record's value as text when it is UTF-8 (up to 64 KiB); null otherwise, with its size
     */
    record LetterJson(UUID id, String topic, int partition, long offset, String error, int attempts,
                      Instant setAsideAt, Instant lastAttemptAt, String key, String value, int valueBytes) {
        static LetterJson of(EventDeadLetter l) {
            return new LetterJson(l.id(), l.topic(), l.partition(), l.offset(), l.error(), l.attempts(),
                    l.setAsideAt(), l.lastAttemptAt(), text(l.key()), text(l.value()),
                    l.value() == null ? 0 : l.value().length);
        }

        private static String text(byte[] bytes) {
            if (bytes == null || bytes.length > MAX_SHOWN_VALUE) {
                return null;
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    record PageJson(List<LetterJson> items, String nextCursor) {
        static PageJson of(EventDeadLetterPage page) {
            return new PageJson(page.items().stream().map(LetterJson::of).toList(),
                    PageCursor.encode(page.nextCursor()));
        }
    }

    record ReplayJson(UUID id, String result) {
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping
    PageJson list(Caller caller, @RequestParam(defaultValue = "50") String limit,
                  @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        int parsedLimit = QueryParams.limit(v, limit, MAX_LIMIT);
        UUID before = PageCursor.decode(v, cursor);
        v.throwIfAny();
        return PageJson.of(letters.list(caller.tenant(), parsedLimit, before));
    }

    /**
     * Replays one set-aside record. Accepted: it became its notification (or found the one its event id already
     * made) and leaves the list. Still poison: 422 naming the rule it still breaks, one more attempt counted.
     */
    @RequiresScope(Scope.ADMIN)
    @PostMapping("/{id}/retry")
    ReplayJson retry(Caller caller, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.ADMIN);
        EventDeadLetter letter = letters.find(caller.tenant(), id(id))
                .orElseThrow(() -> new NotFoundException("no set-aside event record " + id));
        SetAsideReplay.Outcome outcome = replay.replay(new SetAsideRecord(letter.tenant(), letter.topic(),
                letter.partition(), letter.offset(), letter.key(), letter.value(), letter.headers(),
                letter.error(), letter.attempts()));
        return switch (outcome) {
            case SetAsideReplay.Accepted accepted -> {
                // The notification is already committed (intake commits on its own); the letter leaves the list
                // with its audit entry.
                audited.run(caller, () -> letters.remove(caller.tenant(), letter.id()),
                        gone -> gone ? Audited.of(AuditAction.EVENT_DLQ_RETRIED, target(letter), source(letter))
                                : Audited.NOTHING);
                yield new ReplayJson(letter.id(), "accepted");
            }
            case SetAsideReplay.StillPoison poison -> {
                letters.failedAgain(caller.tenant(), letter.id(), poison.reason(), clock.instant());
                throw InvalidRequestException.conflict("record", "still-poison", poison.reason());
            }
        };
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> discard(Caller caller, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.ADMIN);
        EventDeadLetter letter = letters.find(caller.tenant(), id(id))
                .orElseThrow(() -> new NotFoundException("no set-aside event record " + id));
        if (!audited.run(caller, () -> letters.remove(caller.tenant(), letter.id()),
                gone -> gone ? Audited.of(AuditAction.EVENT_DLQ_DISCARDED, target(letter), source(letter))
                        : Audited.NOTHING)) {
            throw new NotFoundException("no set-aside event record " + id);
        }
        return ResponseEntity.noContent().build();
    }

    private static String target(EventDeadLetter letter) {
        return "event-record:" + letter.id();
    }

    /** Where the record came from; never its content. */
    private static AuditSummary source(EventDeadLetter letter) {
        return AuditSummary.of("topic", letter.topic()).and("partition", letter.partition())
                .and("offset", letter.offset());
    }

    private static UUID id(String value) {
        return QueryParams.requiredId("id", value, "a set-aside record id");
    }
}
