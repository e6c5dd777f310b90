package dev.herald.providers.webhook;

import dev.herald.core.channel.SendResult;
import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.statusout.StatusWebhookCall;
import dev.herald.core.statusout.StatusWebhookPoster;
import dev.herald.providers.http.HttpCarrier;
import dev.herald.providers.http.HttpSettings;
import dev.herald.providers.http.InternalAddresses;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Posts status events to tenants' status webhooks the Standard Webhooks way, with the same signing as the webhook
 * channel ({@link WebhookSigner}): {@code webhook-id} is the call's id (the same on every attempt),
 * {@code webhook-timestamp} the send time, {@code webhook-signature} over {@code id.timestamp.body}. The body is
 * {@code {"type": "delivery.status", "timestamp", "data": {the event}}}. The URL was checked when it was registered;
 * it is checked again here (its host may since resolve to an internal address) unless internal addresses are
 * allowed (test peers). Redirects are not followed.
 */
public final class StatusWebhookPosts implements StatusWebhookPoster {
    public static final String EVENT_TYPE = "delivery.status";
    private final HttpCarrier carrier;
    private final boolean allowInternalAddresses;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public StatusWebhookPosts(HttpSettings http, boolean allowInternalAddresses, Clock clock) {
        this.carrier = new HttpCarrier("status-webhook", http, clock);
        this.allowInternalAddresses = allowInternalAddresses;
        this.clock = clock;
    }

    @Override
    public Answer post(StatusWebhookCall call) {
        URI target;
        try {
            target = URI.create(call.url());
        } catch (IllegalArgumentException e) {
            return new Answer.Failed("not a valid URL");
        }
        String refused = refusal(target);
        if (refused != null) {
            return new Answer.Failed(refused);
        }
        Instant now = clock.instant();
        String body = json.writeValueAsString(envelope(call.event(), now));
        String id = call.id().toString();
        WebhookSigner signer;
        try {
            signer = new WebhookSigner(call.secret(), "secret");
        } catch (IllegalArgumentException e) {
            return new Answer.Failed("signing secret unusable");
        }
        HttpRequest request = carrier.request(target)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(now.getEpochSecond()))
                .header("webhook-signature", signer.sign(id, now.getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        boolean[] gone = {false};
        SendResult result = carrier.exchange(request, ok -> new SendResult.Sent("status-webhook", id, null),
                answer -> {
                    gone[0] = answer.status() == 410;
                    return new SendResult.Rejected("status-webhook", "HTTP " + answer.status(), false);
                });
        if (gone[0]) {
            return new Answer.Gone();
        }
        return switch (result) {
            case SendResult.Sent sent -> new Answer.Taken();
            // Only the kind of failure is kept: a transport error's text may name the host.
            case SendResult.Retry retry -> new Answer.Failed(retry.reason().split(":", 2)[0]);
            case SendResult.Rejected rejected -> new Answer.Failed(rejected.reason());
        };
    }

    /** Why the URL may not be called now, or null. */
    private String refusal(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowInternalAddresses)) {
            return "not an https URL";
        }
        if (target.getHost() == null || allowInternalAddresses) {
            return target.getHost() == null ? "URL has no host" : null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(target.getHost())) {
                if (InternalAddresses.kindOf(address).isPresent()) {
                    return "host resolves to an internal address";
                }
            }
        } catch (UnknownHostException e) {
            return "host does not resolve";
        }
        return null;
    }

    /** What receivers get: the event's facts, never message content or addresses. */
    static Map<String, Object> envelope(StatusEvent e, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", e.eventId().toString());
        data.put("tenant", e.tenant().value());
        data.put("notificationId", e.notificationId().toString());
        data.put("deliveryId", e.deliveryId().toString());
        data.put("type", e.type());
        data.put("channel", e.channel().name());
        data.put("status", e.status().name());
        data.put("time", e.at().toString());
        data.put("provider", e.provider());
        data.put("reason", e.reason());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", EVENT_TYPE);
        envelope.put("timestamp", now.toString());
        envelope.put("data", data);
        return envelope;
    }
}
