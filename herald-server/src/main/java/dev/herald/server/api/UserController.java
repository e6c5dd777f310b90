package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.UserPseudonyms;
import dev.herald.core.recipients.User;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.recipients.UserRules;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.inbox.InboxStreams;
import dev.herald.server.security.ForbiddenException;
import dev.herald.server.types.CachedPreferences;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** The tenant's user directory: who can be notified and where. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {
    private final UserDirectory users;
    private final UserRules rules;
    private final CachedPreferences preferences;
    private final InboxStreams streams;
    private final Clock clock;
    private final AuditedChange audited;
    private final UserPseudonyms pseudonyms;

    UserController(UserDirectory users, UserRules rules, CachedPreferences preferences, InboxStreams streams,
                   Clock clock, AuditedChange audited, UserPseudonyms pseudonyms) {
        this.audited = audited;
        this.pseudonyms = pseudonyms;
        this.users = users;
        this.rules = rules;
        this.preferences = preferences;
        this.streams = streams;
        this.clock = clock;
    }

    record UserJson(String email, String phone, String slack, String locale, String timeZone) {
    }

    record UserView(String userId, String email, String phone, String slack, String locale, String timeZone,
                    Instant updatedAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.email(), u.phone(), u.slack(), u.locale(), u.timeZone(), u.updatedAt());
        }
    }

    @RequiresScope(Scope.SEND)
    @SuccessStatus({HttpStatus.CREATED, HttpStatus.OK})
    @PutMapping(path = "/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserView> put(Caller caller, @PathVariable String userId, @RequestBody UserJson body) {
        ForbiddenException.require(caller, Scope.SEND);
        User user = new User(userId, body.email(), body.phone(), body.slack(), body.locale(), body.timeZone(),
                clock.instant());
        rules.validate(userId, user);
        boolean created = users.put(caller.tenant(), user);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(UserView.of(user));
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/{userId}")
    UserView get(Caller caller, @PathVariable String userId) {
        ForbiddenException.require(caller, Scope.READ);
        return users.find(caller.tenant(), userId).map(UserView::of)
                .orElseThrow(() -> new NotFoundException("no user '" + userId + "'"));
    }

    @RequiresScope(Scope.SEND)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{userId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String userId) {
        ForbiddenException.require(caller, Scope.SEND);
        // Devices, preferences and inbox go with the user, and their inbox tokens stop working (one transaction).
        // The entry names the user by pseudonym: the id is personal data and outlives the user here.
        String target = pseudonyms.of(caller.tenant(), userId);
        if (!audited.run(caller, () -> users.delete(caller.tenant(), userId),
                deleted -> deleted ? Audited.of(AuditAction.USER_DELETED, target) : Audited.NOTHING)) {
            throw new NotFoundException("no user '" + userId + "'");
        }
        preferences.forget(caller.tenant(), userId);
        streams.end(caller.tenant(), userId);
        return ResponseEntity.noContent().build();
    }
}
