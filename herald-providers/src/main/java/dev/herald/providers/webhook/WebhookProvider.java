package dev.herald.providers.webhook;

import dev.herald.core.channel.DisabledEndpoints;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpAnswer;
import dev.herald.providers.http.HostAllowList;
import dev.herald.providers.http.HttpCarrier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Posts each notification as JSON to an HTTP endpoint, signed per Standard Webhooks (standardwebhooks.com):
 * {@code webhook-id} is the delivery id, the same on every attempt so receivers can drop repeats;
 * {@code webhook-timestamp} is the send time in unix seconds; {@code webhook-signature} is {@link WebhookSigner}'s.
 * The address is a user id (posted to the configured URL, signed with {@code secret}) or, only when
 * {@code allowInlineUrls}, a caller's URL on an allowed host that resolves to a public address (signed with
 * {@code inlineSecret}). Each URL has its own breaker and Retry-After ({@link #endpoint}).
 * A message with a trace context carries it in the W3C {@code traceparent} header; one without has none (Herald
 * does not start traces of its own).
 * 2xx is sent; 410 Gone disables the endpoint in {@link DisabledEndpoints} and later sends to it are refused
 * without a call until it is re-enabled; 429, 5xx, timeouts and connection errors are retried (honouring
 * {@code Retry-After}); any other 4xx refuses the message. Redirects are not followed.
 */
public final class WebhookProvider implements ChannelProvider {
    private final String name;
    private final URI configuredUrl;
    private final boolean allowInlineUrls;
    private final HostAllowList inlineHosts;
    private final WebhookSigner endpointSigner;
    private final WebhookSigner inlineSigner;
    private final DisabledEndpoints disabled;
    private final HttpCarrier carrier;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    /** Throws {@link IllegalArgumentException} for a missing or malformed secret or URL: a configuration error. */
    public WebhookProvider(WebhookSettings settings, DisabledEndpoints disabled, Clock clock) {
        this.name = settings.name();
        this.configuredUrl = settings.url() == null || settings.url().isBlank() ? null : URI.create(settings.url());
        this.allowInlineUrls = settings.allowInlineUrls();
        this.inlineHosts = new HostAllowList(settings.allowedHosts(), settings.allowHttp(),
                settings.allowInternalAddresses());
        this.endpointSigner = configuredUrl == null && settings.secret() == null ? null
                : new WebhookSigner(settings.secret(), "secret");
        this.inlineSigner = allowInlineUrls ? new WebhookSigner(settings.inlineSecret(), "inline-secret") : null;
        if (endpointSigner != null && inlineSigner != null && endpointSigner.sameKeyAs(inlineSigner)) {
            throw new IllegalArgumentException("inline-secret must differ from secret: receivers of inline URLs "
                    + "could otherwise sign webhooks for the configured endpoint");
        }
        this.disabled = disabled;
        this.carrier = new HttpCarrier(name, settings.http(), clock);
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    /** An inline URL's address lookup, then the request deadline from connect to the last byte read. */
    @Override
    public Duration longestSend() {
        return allowInlineUrls ? carrier.longestSend().plus(inlineHosts.longestCheck()) : carrier.longestSend();
    }

    /** The URL a message goes to: each receiver's trouble (429, 5xx, Retry-After) stays its own. */
    @Override
    public String endpoint(String address) {
        return isUrl(address) ? address.strip() : configuredUrl == null ? "" : configuredUrl.toString();
    }

    @Override
    public SendResult send(OutboundMessage message) {
        boolean inline = isUrl(message.address());
        URI target;
        if (inline) {
            if (!allowInlineUrls) {
                return new SendResult.Rejected(name, "inline webhook URLs are disabled", true);
            }
            switch (inlineHosts.check(message.address())) {
                case HostAllowList.Verdict.Refused refused -> {
                    return new SendResult.Rejected(name, "inline webhook URL refused: " + refused.reason(), true);
                }
                case HostAllowList.Verdict.Unresolved unresolved -> {
                    return new SendResult.Retry(name, "inline webhook URL: " + unresolved.reason());
                }
                case HostAllowList.Verdict.Allowed allowed -> target = allowed.uri();
            }
        } else if (configuredUrl == null) {
            return new SendResult.Rejected(name, "no webhook url is configured for " + name, false);
        } else {
            target = configuredUrl;
        }
        Optional<DisabledEndpoints.Disabled> gone;
        try {
            gone = disabled.find(target.toString());
        } catch (RuntimeException e) {
            return new SendResult.Retry(name, "cannot tell whether the endpoint is disabled: "
                    + e.getClass().getSimpleName());
        }
        // An inline address is the URL, so it is dead itself; a user id is not, only the shared endpoint is.
        if (gone.isPresent()) {
            return new SendResult.Rejected(name, "endpoint disabled after 410 on " + gone.get().at()
                    + "; re-enable it once its owner has fixed it", inline);
        }
        Instant now = clock.instant();
        String body;
        try {
            body = json.writeValueAsString(payload(message, inline, now));
        } catch (JacksonException e) {
            // The exception text may quote the data; the type of failure is enough to act on.
            return new SendResult.Rejected(name, "notification data could not be written as JSON", false);
        }
        String id = message.idempotencyKey();
        HttpRequest.Builder request = carrier.request(target)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(now.getEpochSecond()))
                .header("webhook-signature",
                        (inline ? inlineSigner : endpointSigner).sign(id, now.getEpochSecond(), body));
        if (message.trace() != null) {
            // The caller's trace, with this send as the parent: the receiver's work shows up under the same order.
            request.header("traceparent", message.trace().header());
        }
        HttpRequest built = request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return carrier.exchange(built, ok -> new SendResult.Sent(name, id),
                answer -> answer.status() == 410 ? disable(target, inline, now) : carrier.classify(answer));
    }

    private SendResult disable(URI target, boolean inline, Instant at) {
        try {
            disabled.disable(target.toString(), "HTTP 410 Gone", at);
        } catch (RuntimeException e) {
            // The receiver's 410 stands either way; the next send will simply ask it again.
            return new SendResult.Rejected(name, "HTTP 410 Gone; disabling the endpoint failed: "
                    + e.getClass().getSimpleName(), inline);
        }
        return new SendResult.Rejected(name, "HTTP 410 Gone: endpoint disabled until re-enabled", inline);
    }

    /** The Standard Webhooks envelope: {@code type}, {@code timestamp}, and our fields under {@code data}. */
    private static Map<String, Object> payload(OutboundMessage message, boolean inline, Instant now) {
        String userId = message.userId() != null ? message.userId() : inline ? null : message.address();
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("userId", userId);
        Map<String, Object> data = new LinkedHashMap<>();
        // One endpoint may serve several tenants: the receiver must know whose event it is.
        data.put("tenant", message.tenant().value());
        data.put("deliveryId", message.deliveryId().toString());
        data.put("notificationId", message.notificationId().toString());
        data.put("recipient", recipient);
        data.put("title", message.message().subject());
        data.put("text", message.message().text());
        data.put("data", message.message().data());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", message.type());
        envelope.put("timestamp", now.toString());
        envelope.put("data", data);
        return envelope;
    }

    /** A caller's URL rather than a user id: user ids never contain a scheme separator. */
    private static boolean isUrl(String address) {
        return address != null && address.contains("://");
    }
}
