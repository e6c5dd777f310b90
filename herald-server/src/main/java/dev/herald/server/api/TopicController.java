package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.topics.SubscriberChange;
import dev.herald.core.topics.SubscriberPage;
import dev.herald.core.topics.Topic;
import dev.herald.core.topics.TopicKey;
import dev.herald.core.topics.TopicStore;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.config.BroadcastProperties;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Topics: named audiences a notification can be sent to as a whole ({@code "topic": key} instead of recipients).
 * Subscribers are users of the directory, added and removed up to 10,000 per call.
 */
@RestController
@RequestMapping("/api/v1/topics")
class TopicController {
    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_TOPICS_LISTED = 1000;
    /** Broken ids named one by one in an error answer; past this many, one more entry says how many in all. */
    static final int MAX_NAMED = 100;

    private final TopicStore topics;
    private final UserDirectory users;
    private final AddressRules addresses;
    private final Clock clock;
    private final AuditedChange audited;
    private final int maxChange;

    TopicController(TopicStore topics, UserDirectory users, AddressRules addresses, Clock clock,
                    AuditedChange audited, BroadcastProperties properties) {
        this.topics = topics;
        this.users = users;
        this.addresses = addresses;
        this.clock = clock;
        this.audited = audited;
        this.maxChange = properties.maxSubscriberChange();
    }

    record TopicSpec(String name, String description) {
    }

    record SubscriberChangeSpec(List<String> add, List<String> remove) {
    }

    record SubscriberChangeJson(int added, int removed) {
    }

    record SubscriberPageJson(List<String> subscribers, String nextCursor) {
    }

    @RequiresScope(Scope.READ)
    @GetMapping
    List<Topic> list(Caller caller) {
        ForbiddenException.require(caller, Scope.READ);
        return topics.list(caller.tenant(), MAX_TOPICS_LISTED);
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/{key}")
    Topic get(Caller caller, @PathVariable String key) {
        ForbiddenException.require(caller, Scope.READ);
        return topics.find(caller.tenant(), key(key)).orElseThrow(() -> notFound(key));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus({HttpStatus.CREATED, HttpStatus.OK})
    @PutMapping(path = "/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Topic> put(Caller caller, @PathVariable String key, @RequestBody TopicSpec body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        if (!TopicKey.isValid(key)) {
            v.add("key", "format", TopicKey.RULE);
        }
        v.maxLength("name", body.name(), MAX_NAME);
        v.noNul("name", body.name());
        v.maxLength("description", body.description(), MAX_DESCRIPTION);
        v.noNul("description", body.description());
        v.throwIfAny();
        Instant now = clock.instant();
        Instant created = topics.find(caller.tenant(), key).map(Topic::createdAt).orElse(now);
        Topic topic = new Topic(key, body.name(), body.description(), created, now);
        boolean isNew = audited.run(caller, () -> topics.put(caller.tenant(), topic),
                createdNow -> Audited.of(createdNow ? AuditAction.TOPIC_CREATED : AuditAction.TOPIC_UPDATED,
                        "topic:" + key, AuditSummary.of("name", topic.name())));
        Topic stored = topics.find(caller.tenant(), key).orElse(topic);
        return ResponseEntity.status(isNew ? HttpStatus.CREATED : HttpStatus.OK).body(stored);
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{key}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String key) {
        ForbiddenException.require(caller, Scope.ADMIN);
        String checked = key(key);
        if (!audited.run(caller, () -> topics.delete(caller.tenant(), checked),
                gone -> gone ? Audited.of(AuditAction.TOPIC_DELETED, "topic:" + checked) : Audited.NOTHING)) {
            throw notFound(checked);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Adds and removes subscribers in one call, audited once with the counts. Every id to add must be a user of
     * the directory (as for a notification's recipients): unknown ones are refused by position, nothing changed.
     */
    @RequiresScope(Scope.SEND)
    @PostMapping(path = "/{key}/subscribers", consumes = MediaType.APPLICATION_JSON_VALUE)
    SubscriberChangeJson change(Caller caller, @PathVariable String key, @RequestBody SubscriberChangeSpec body) {
        ForbiddenException.require(caller, Scope.SEND);
        String checked = key(key);
        List<String> add = body.add() == null ? List.of() : body.add();
        List<String> remove = body.remove() == null ? List.of() : body.remove();
        Violations v = new Violations();
        if (add.isEmpty() && remove.isEmpty()) {
            v.add("add", "required", "add or remove must name at least one user id");
        }
        if (add.size() + remove.size() > maxChange) {
            v.add(add.size() >= remove.size() ? "add" : "remove", "max-items", "add and remove together must "
                    + "hold at most " + maxChange + " user ids per call (were " + (add.size() + remove.size()) + ")");
        }
        v.throwIfAny();
        userIds(v, "add", add);
        userIds(v, "remove", remove);
        v.throwIfAny();
        if (topics.find(caller.tenant(), checked).isEmpty()) {
            throw notFound(checked);
        }
        unknownUsers(v, caller, add);
        v.throwIfAny();
        SubscriberChange change = audited.run(caller, () -> topics.change(caller.tenant(), checked, add, remove),
                done -> Audited.of(AuditAction.TOPIC_SUBSCRIBERS_CHANGED, "topic:" + checked,
                        AuditSummary.of("added", done.added()).and("removed", done.removed())));
        return new SubscriberChangeJson(change.added(), change.removed());
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/{key}/subscribers")
    SubscriberPageJson subscribers(Caller caller, @PathVariable String key,
                                   @RequestParam(defaultValue = "100") int limit,
                                   @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.READ);
        String checked = key(key);
        Violations v = new Violations();
        if (limit < 1 || limit > 1000) {
            v.add("limit", "range", "must be between 1 and 1000");
        }
        String after = PageCursor.decodeText(v, cursor);
        v.throwIfAny();
        if (topics.find(caller.tenant(), checked).isEmpty()) {
            throw notFound(checked);
        }
        SubscriberPage page = topics.subscribers(caller.tenant(), checked, after, limit);
        return new SubscriberPageJson(page.userIds(), PageCursor.encodeText(page.nextAfter()));
    }

    private void userIds(Violations v, String field, List<String> ids) {
        int broken = 0;
        for (int i = 0; i < ids.size(); i++) {
            Violations own = new Violations();
            if (ids.get(i) == null) {
                own.add(field + "[" + i + "]", "required", "must be a user id");
            } else {
                addresses.userId(own, field + "[" + i + "]", ids.get(i));
            }
            if (!own.isEmpty() && ++broken <= MAX_NAMED) {
                own.found().forEach(found -> v.add(found.field(), found.rule(), found.message()));
            }
        }
        beyondNamed(v, field, "format", broken, "are not user ids");
    }

    /**
     * Every id to add checked against the directory in one lookup (the store's by an array of ids), each unknown
     * one refused by position; an answer names at most {@value #MAX_NAMED} of them, then how many in all.
     */
    private void unknownUsers(Violations v, Caller caller, List<String> add) {
        Set<String> known = users.findAll(caller.tenant(), new LinkedHashSet<>(add)).keySet();
        int unknown = 0;
        for (int i = 0; i < add.size(); i++) {
            if (!known.contains(add.get(i)) && ++unknown <= MAX_NAMED) {
                v.add("add[" + i + "]", "unknown-user", "no user '" + add.get(i)
                        + "' in the directory; create it with PUT /api/v1/users/{userId}");
            }
        }
        beyondNamed(v, "add", "unknown-user", unknown, "are not users of the directory");
    }

    private static void beyondNamed(Violations v, String field, String rule, int count, String what) {
        if (count > MAX_NAMED) {
            v.add(field, rule, (count - MAX_NAMED) + " more of the ids in " + field + " " + what + " (" + count
                    + " in all; the first " + MAX_NAMED + " are named)");
        }
    }

    private static String key(String key) {
        if (!TopicKey.isValid(key)) {
            Violations v = new Violations();
            v.add("key", "format", TopicKey.RULE);
            v.throwIfAny();
        }
        return key;
    }

    private static NotFoundException notFound(String key) {
        return new NotFoundException("no topic '" + key + "'");
    }
}
