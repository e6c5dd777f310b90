package dev.herald.core.routing;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.digest.DigestRules;
import dev.herald.core.request.ValidNotification;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.Delivery;
import dev.herald.core.recipients.Recipient;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.preferences.QuietHours;
import dev.herald.core.rendering.ContentSource;
import dev.herald.core.rendering.LiteralContent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.herald.core.model.Priority;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Set;

/**
 * Plans one delivery per recipient and channel (per device for push). A recipient with no address on a channel still gets a delivery,
 * FAILED at once with the reason, so the caller sees exactly who could not be reached and why.
 */
public final class DeliveryPlanner {
    private final IdGenerator ids;
    private final LiteralContent content;
    private final FixedAddresses fixed;
    private final DigestRules digests;
    private final Map<String, Duration> expiryByType;

    public DeliveryPlanner(IdGenerator ids, LiteralContent content, FixedAddresses fixed) {
        this(ids, content, fixed, DigestRules.none(), Map.of());
    }

    /**
     * @param expiryByType how long a notification of each type stays worth sending when the request sets no
     *                     {@code expiresAt} (a one-time code: minutes; a flash sale: until it ends)
     */
    public DeliveryPlanner(IdGenerator ids, LiteralContent content, FixedAddresses fixed, DigestRules digests,
                           Map<String, Duration> expiryByType) {
        this.ids = ids;
        this.content = content;
        this.fixed = fixed;
        this.digests = digests;
        this.expiryByType = Map.copyOf(expiryByType);
    }

    public List<Delivery> plan(TenantId tenant, UUID notificationId, ValidNotification request,
                               List<Recipient> recipients, Instant now) {
        return plan(tenant, notificationId, request, recipients, now,
                (channel, locale) -> content.render(request.content(), channel));
    }

    /** Plans with the text from {@code source} (templates), rendered once per channel and recipient locale. */
    public List<Delivery> plan(TenantId tenant, UUID notificationId, ValidNotification request,
                               List<Recipient> recipients, Instant now, ContentSource source) {
        // Configured per-type settings are the default tenant's (TenantId.isDefault); others use their types only.
        boolean configured = tenant.isDefault();
        Map<String, Message> messages = new HashMap<>();
        List<Delivery> deliveries = new ArrayList<>(recipients.size() * request.channels().size());
        List<Channel> perRecipient = new ArrayList<>();
        // Scheduled for later: SCHEDULED until sendAt, when the queue hands it to a dispatcher like any other.
        boolean later = request.sendAt() != null && request.sendAt().isAfter(now);
        Instant due = later ? request.sendAt() : now;
        Instant expires = request.expiresAt() != null ? request.expiresAt()
                : Optional.ofNullable(request.routing().expiry())
                        .or(() -> configured ? Optional.ofNullable(expiryByType.get(request.type())) : Optional.empty())
                        .map(due::plus).orElse(null);
        // Only LOW, unscheduled notifications of a digested type wait for the digest.
        Optional<Duration> digest = request.priority() == Priority.LOW && !later
                && configured ? digests.windowFor(request.type()) : Optional.empty();
        for (Channel channel : request.channels()) {
            Optional<String> place = Optional.ofNullable(request.routing().fixedRecipients().get(channel))
                    .or(() -> configured ? fixed.fixedAddress(request.type(), channel) : Optional.empty());
            if (place.isPresent()) {
                Message message = messages.computeIfAbsent(channel + "|", k -> withData(
                        source.render(channel, null), channel, request.data()));
                deliveries.add(toSend(Delivery.planned(ids.next(), notificationId, channel, request.priority(),
                        null, place.get()), later, due, message, now, expires));
            } else {
                perRecipient.add(channel);
            }
        }
        for (Recipient recipient : recipients) {
            for (Channel channel : perRecipient) {
                List<String> addresses = recipient.addressesFor(channel);
                if (addresses.isEmpty() && request.routing().everyChannel()) {
                    // "Every channel the user has": a channel without an address is simply not one of them.
                    continue;
                }
                // Rendered once per channel and locale: each recipient reads their own language.
                String locale = recipient.locale();
                Optional<String> declined = declined(recipient, channel, request);
                if (declined.isPresent()) {
                    // Answered, not dropped in silence: the caller sees this recipient chose not to get it here.
                    // Nothing is rendered for it: a template gap on a declined channel must not refuse the rest.
                    deliveries.add(Delivery.planned(ids.next(), notificationId, channel, request.priority(),
                            recipient.userId(), addresses.isEmpty() ? null : addresses.getFirst())
                            .suppressed(declined.get(), now));
                    continue;
                }
                if (addresses.isEmpty()) {
                    // Nothing is rendered for it either: it will never be sent.
                    deliveries.add(Delivery.planned(ids.next(), notificationId, channel, request.priority(),
                            recipient.userId(), null).failed(
                            (recipient.userId() != null ? "user " + recipient.userId() : "the inline recipient") + " has no "
                                    + channel + " address"
                                    + (channel.traits().address().perDevice() ? " (no registered device)" : ""), now));
                    continue;
                }
                Message message = messages.computeIfAbsent(channel + "|" + locale,
                        k -> withData(source.render(channel, locale), channel, request.data()));
                Optional<Instant> quietUntil = request.routing().critical() ? Optional.empty()
                        : quietUntil(recipient, due);
                for (String address : addresses) {
                    if (digest.isPresent() && recipient.userId() != null) {
                        // A digest item: waits, unclaimable, until its window closes and it is merged.
                        Instant closes = DigestRules.windowEnd(now, digest.get());
                        String key = recipient.userId() + "|" + request.type() + "|" + channel + "|" + address + "|"
                                + closes.toEpochMilli();
                        deliveries.add(Delivery.planned(ids.next(), notificationId, channel, request.priority(),
                                recipient.userId(), address).digestItem(message, now, expires, key, closes));
                        continue;
                    }
                    if (quietUntil.isPresent()) {
                        // Deferred to the end of the user's quiet hours, never dropped.
                        deliveries.add(Delivery.planned(ids.next(), notificationId, channel, request.priority(),
                                recipient.userId(), address).scheduled(quietUntil.get(), message,
                                "quiet hours until " + quietUntil.get(), now, expires));
                        continue;
                    }
                    deliveries.add(toSend(Delivery.planned(ids.next(), notificationId, channel,
                            request.priority(), recipient.userId(), address), later, due, message, now, expires));
                }
            }
        }
        return deliveries;
    }

    /** Queued now, or SCHEDULED until a later send time. */
    private static Delivery toSend(Delivery.Planned planned, boolean later, Instant due, Message message, Instant now,
                                   Instant expires) {
        return later ? planned.scheduled(due, message, null, now, expires) : planned.queued(due, message, now, expires);
    }

    /**
     * Why a recipient does not get this channel, if they chose so: a global opt-out always counts (a user can
     * always stop SMS), a per-type choice counts unless the type is critical (nobody switches off security alerts).
     */
    private static Optional<String> declined(Recipient recipient, Channel channel, ValidNotification request) {
        Preferences chosen = recipient.preferences();
        if (chosen == null) {
            return Optional.empty();
        }
        if (chosen.optedOut().contains(channel)) {
            return Optional.of("user " + recipient.userId() + " opted out of " + channel);
        }
        Set<Channel> wanted = chosen.channelsByType().get(request.type());
        if (wanted != null && !wanted.contains(channel) && !request.routing().critical()) {
            return Optional.of("user " + recipient.userId() + " chose not to get " + request.type() + " by "
                    + channel);
        }
        return Optional.empty();
    }

    /** The end of the recipient's quiet hours if {@code at} falls inside them, in their (or the chosen) zone. */
    private static Optional<Instant> quietUntil(Recipient recipient, Instant at) {
        Preferences chosen = recipient.preferences();
        if (chosen == null || chosen.quietStart() == null || chosen.quietEnd() == null) {
            return Optional.empty();
        }
        String zone = chosen.quietZone() != null ? chosen.quietZone()
                : recipient.timeZone() != null ? recipient.timeZone() : "UTC";
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            // A zone this JVM does not know (stored before validation, or older tzdata): UTC rather than fail.
            zoneId = ZoneOffset.UTC;
        }
        return new QuietHours(chosen.quietStart(), chosen.quietEnd(), zoneId).endOfWindowAt(at);
    }

    /** Only receivers that read structured data get it; the rest would store it per delivery for nothing. */
    private static Message withData(Message message, Channel channel, Map<String, Object> data) {
        return channel.traits().carriesData() ? message.withData(data) : message;
    }
}
