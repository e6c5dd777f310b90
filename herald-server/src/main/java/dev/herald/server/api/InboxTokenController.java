package dev.herald.server.api;

import dev.herald.core.request.Violations;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.tenancy.UserTokens;
import dev.herald.server.config.HeraldProperties;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Issues the token an end user's browser uses for the inbox. The tenant's backend calls this with its API key
 * after its own sign-in, and hands the token to the page; the API key never reaches the browser.
 */
@RestController
class InboxTokenController {
    private final UserTokens tokens;
    private final UserDirectory users;
    private final AddressRules addresses;
    private final Duration ttl;
    private final Clock clock;

    InboxTokenController(UserTokens tokens, UserDirectory users, AddressRules addresses, HeraldProperties properties,
                         Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.addresses = addresses;
        this.ttl = properties.inbox().tokenTtl();
        this.clock = clock;
    }

    record TokenView(String userId, String token, Instant expiresAt) {
    }

    @RequiresScope(Scope.SEND)
    @PostMapping("/api/v1/users/{userId}/inbox-token")
    TokenView issue(Caller caller, @PathVariable String userId) {
        ForbiddenException.require(caller, Scope.SEND);
        Violations v = new Violations();
        addresses.userId(v, "userId", userId);
        v.throwIfAny();
        // Only for a user of the caller's tenant: a token for an id nobody has (or a deleted user) is refused.
        if (users.find(caller.tenant(), userId).isEmpty()) {
            throw new NotFoundException("no user '" + userId + "'; create it with PUT /api/v1/users/{userId}");
        }
        Instant expiresAt = clock.instant().plus(ttl);
        return new TokenView(userId, tokens.issue(caller.tenant(), userId, ttl), expiresAt);
    }
}
