package dev.herald.core.unsubscribe;

import dev.herald.core.channel.UnsubscribeLink;
import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeCatalog;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Links of the form {@code <base>/u/<token>} for emails to a user of a type they may opt out of. Critical types get
 * none (nobody unsubscribes from a password reset; preferences do not apply to them): a notification accepted as
 * critical, or of a type critical now. A non-critical type sent on the CRITICAL lane gets one, since the user's
 * per-type choice binds it. Nor does a message to a fixed address with no user behind it. The type is read from the catalog, which
 * the server serves from memory, and the token is signed with a remembered secret: no query per send.
 */
public final class SignedUnsubscribeLinks implements UnsubscribeLinks {
    /** The path under the public base URL where links land. */
    public static final String PATH = "/u/";

    private final String baseUrl;
    private final String mailto;
    private final Duration ttl;
    private final TypeCatalog types;
    private final UnsubscribeTokens tokens;

    /**
     * @param baseUrl Herald's public base URL without a trailing slash ({@code https://herald.example.com})
     * @param mailto  a {@code mailto:} URI to offer as well, null for none
     * @param ttl     how long a link works after its email was sent
     */
    public SignedUnsubscribeLinks(String baseUrl, String mailto, Duration ttl, TypeCatalog types,
                                  UnsubscribeTokens tokens) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.mailto = mailto;
        this.ttl = ttl;
        this.types = types;
        this.tokens = tokens;
    }

    @Override
    public UnsubscribeLink linkFor(ClaimedDelivery delivery) {
        if (delivery.channel() != Channel.EMAIL || delivery.userId() == null || delivery.type() == null
                || delivery.critical()) {
            return null;
        }
        Optional<NotificationType> type = types.find(delivery.tenant(), delivery.type());
        if (type.isPresent() && type.get().critical()) {
            return null;
        }
        String token = tokens.issue(delivery.tenant(), delivery.userId(), delivery.type(), Channel.EMAIL, ttl);
        return new UnsubscribeLink(baseUrl + PATH + token, mailto);
    }
}
