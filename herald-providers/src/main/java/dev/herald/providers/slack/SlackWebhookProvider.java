package dev.herald.providers.slack;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpAnswer;
import dev.herald.providers.http.HttpCarrier;
import dev.herald.providers.http.HostAllowList;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

/**
 * Slack through incoming webhooks: the delivery address is the webhook URL, which must be https on an allowed host
 * ({@code hooks.slack.com} by default) or it is refused without a call, because these URLs come from stored data
 * and must not let anyone steer Herald at internal services. The body is a fallback text plus Block Kit blocks
 * (see {@link SlackPayload}). Slack answers 200 {@code ok} (it gives no message id, so the delivery id stands in);
 * 403 {@code invalid_token}/{@code action_prohibited}, 404 {@code no_service}/{@code channel_not_found} and 410
 * {@code channel_is_archived} mean the URL will never work again (invalid address); other 4xx such as
 * {@code invalid_payload} refuse this message only; 429 and 5xx are retried, honouring {@code Retry-After}.
 */
public final class SlackWebhookProvider implements ChannelProvider {
    private final String name;
    private final HostAllowList allowList;
    private final HttpCarrier carrier;
    private final JsonMapper json = JsonMapper.builder().build();

    public SlackWebhookProvider(SlackWebhookSettings settings, Clock clock) {
        this.name = settings.name();
        this.allowList = new HostAllowList(settings.allowedHosts(), settings.allowHttp(),
                settings.allowInternalAddresses());
        this.carrier = new HttpCarrier(name, settings.http(), clock);
    }

    /** Slack throttles and revokes each webhook URL on its own: each URL has its own breaker and Retry-After. */
    @Override
    public String endpoint(String address) {
        return address == null ? "" : address.strip();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    /** Only a URL can be an incoming webhook; a channel or user id is for a bot-token provider. */
    @Override
    public boolean accepts(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        return a.startsWith("https://") || a.startsWith("http://");
    }

    /** The URL's address lookup, then the request deadline from connect to the last byte read. */
    @Override
    public Duration longestSend() {
        return carrier.longestSend().plus(allowList.longestCheck());
    }

    @Override
    public SendResult send(OutboundMessage message) {
        URI target;
        switch (allowList.check(message.address())) {
            case HostAllowList.Verdict.Refused refused -> {
                return new SendResult.Rejected(name, "Slack webhook URL refused: " + refused.reason(), true);
            }
            case HostAllowList.Verdict.Unresolved unresolved -> {
                return new SendResult.Retry(name, "Slack webhook URL: " + unresolved.reason());
            }
            case HostAllowList.Verdict.Allowed allowed -> target = allowed.uri();
        }
        String body;
        try {
            body = json.writeValueAsString(SlackPayload.of(message));
        } catch (IllegalArgumentException e) {
            return new SendResult.Rejected(name, e.getMessage(), false);
        } catch (JacksonException e) {
            // The exception text may quote the data; the type of failure is enough to act on.
            return new SendResult.Rejected(name, "Slack blocks could not be written as JSON", false);
        }
        HttpRequest request = carrier.request(target)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return carrier.exchange(request, ok -> new SendResult.Sent(name, message.idempotencyKey()), this::refusal);
    }

    /** 403, 404 and 410 say the webhook itself is gone or barred (revoked, channel deleted or archived). */
    private SendResult refusal(HttpAnswer answer) {
        int status = answer.status();
        if (status == 403 || status == 404 || status == 410) {
            return new SendResult.Rejected(name,
                    "Slack refused the webhook URL: HTTP " + status + " " + answer.bodySnippet(), true);
        }
        return carrier.classify(answer);
    }
}
