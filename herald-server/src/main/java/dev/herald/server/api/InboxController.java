package dev.herald.server.api;

import dev.herald.core.inbox.Inbox;
import dev.herald.core.inbox.InboxFilter;
import dev.herald.core.inbox.InboxPage;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.UserToken;
import dev.herald.server.inbox.InboxMessageJson;
import dev.herald.server.inbox.InboxStreams;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A user's in-app inbox, called from their browser with a user token: the token names the tenant and the user, so
 * nobody can ask for another user's messages (there is no user id in these paths to change).
 */
@RestController
@RequestMapping("/api/v1/inbox")
class InboxController {
    private static final int MAX_LIMIT = 100;

    private final Inbox inbox;
    private final InboxStreams streams;

    InboxController(Inbox inbox, InboxStreams streams) {
        this.inbox = inbox;
        this.streams = streams;
    }

    record InboxPageJson(List<InboxMessageJson> messages, long unread, String nextCursor) {
        static InboxPageJson of(InboxPage page) {
            return new InboxPageJson(page.messages().stream().map(InboxMessageJson::of).toList(), page.unread(),
                    PageCursor.encode(page.nextCursor()));
        }
    }

    record ReadAllJson(int read, long unread) {
    }

    @GetMapping
    InboxPageJson list(UserToken user, @RequestParam(defaultValue = "active") String filter,
                       @RequestParam(defaultValue = "20") String limit, @RequestParam(required = false) String cursor) {
        Violations v = new Violations();
        InboxFilter parsedFilter = switch (filter.toLowerCase(Locale.ROOT)) {
            case "active" -> InboxFilter.ACTIVE;
            case "unread" -> InboxFilter.UNREAD;
            case "archived" -> InboxFilter.ARCHIVED;
            default -> {
                v.add("filter", "one-of", "must be active, unread or archived");
                yield null;
            }
        };
        int parsedLimit = QueryParams.limit(v, limit, MAX_LIMIT);
        UUID before = PageCursor.decode(v, cursor);
        v.throwIfAny();
        return InboxPageJson.of(inbox.page(user.tenant(), user.userId(), parsedFilter, parsedLimit, before));
    }

    @SuccessStatus(HttpStatus.OK)
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> stream(UserToken user) {
        return streams.open(user.tenant(), user.userId(), inbox.unreadCount(user.tenant(), user.userId()))
                .map(ResponseEntity::ok)
                .orElseThrow(() -> new TooManyStreamsException());
    }

    @PostMapping("/{messageId}/read")
    InboxMessageJson read(UserToken user, @PathVariable String messageId) {
        UUID id = messageId(messageId);
        return inbox.read(user.tenant(), user.userId(), id).map(InboxMessageJson::of)
                .orElseThrow(() -> new NotFoundException("no message " + messageId + " in your inbox"));
    }

    @PostMapping("/read-all")
    ReadAllJson readAll(UserToken user) {
        int read = inbox.readAll(user.tenant(), user.userId());
        return new ReadAllJson(read, inbox.unreadCount(user.tenant(), user.userId()));
    }

    @SuccessStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/{messageId}/archive")
    ResponseEntity<Void> archive(UserToken user, @PathVariable String messageId) {
        if (!inbox.archive(user.tenant(), user.userId(), messageId(messageId))) {
            throw new NotFoundException("no message " + messageId + " in your inbox");
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private static UUID messageId(String value) {
        Violations v = new Violations();
        UUID id = QueryParams.uuid(v, "messageId", value);
        v.throwIfAny();
        return id;
    }
}
