package dev.herald.providers.httpsms;

import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpChannelProvider;
import dev.herald.providers.http.HttpAnswer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * SMS through any HTTP gateway that takes a JSON POST: the body is the configured template with the recipient,
 * text, sender and delivery id filled in, plus an optional auth header. A 2xx answer is Sent, with the gateway's
 * message id read by the configured JSON pointer (or the delivery id when none is configured or found). Errors
 * follow the shared rules: 429, 5xx, timeouts and connection failures are retried honouring {@code Retry-After};
 * any other 4xx is a permanent refusal. The gateway's error bodies are unknown, so no address is judged invalid.
 */
public final class HttpSmsGatewayProvider extends HttpChannelProvider {
    private final HttpSmsGatewaySettings settings;
    private final BodyTemplate template;
    private final JsonMapper json = JsonMapper.builder().build();

    public HttpSmsGatewayProvider(HttpSmsGatewaySettings settings, Clock clock) {
        super(Channel.SMS, settings.name(), settings.http(), clock);
        this.settings = settings;
        this.template = new BodyTemplate(settings.bodyTemplate());
    }

    @Override
    public SendResult send(OutboundMessage message) {
        Map<String, Object> body = template.fill(Map.of(
                "to", message.address(),
                "text", message.message().text() == null ? "" : message.message().text(),
                "from", settings.from(),
                "id", message.idempotencyKey()));
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JacksonException e) {
            return new SendResult.Rejected(name(), "body template could not be serialised", false);
        }
        HttpRequest.Builder request = carrier.request(settings.url())
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (settings.authHeaderName() != null) {
            request.header(settings.authHeaderName(), settings.authHeaderValue());
        }
        return carrier.exchange(request.build(), answer -> sent(answer, message));
    }

    private SendResult sent(HttpAnswer answer, OutboundMessage message) {
        if (settings.messageIdPointer() == null) {
            return new SendResult.Sent(name(), message.idempotencyKey());
        }
        // The gateway took the message whatever its answer looks like; sending again would duplicate the SMS.
        return messageId(answer)
                .map(id -> new SendResult.Sent(name(), id))
                .orElseGet(() -> new SendResult.Sent(name(), message.idempotencyKey(),
                        "no message id at " + settings.messageIdPointer() + " in the gateway's answer"));
    }

    private Optional<String> messageId(HttpAnswer answer) {
        if (answer.body() == null || answer.body().isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode id = json.readTree(answer.body()).at(settings.messageIdPointer());
            return id.isString() || id.isNumber() ? Optional.of(id.asString()).filter(s -> !s.isBlank())
                    : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }
}
