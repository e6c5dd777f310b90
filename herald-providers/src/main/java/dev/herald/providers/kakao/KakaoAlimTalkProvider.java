package dev.herald.providers.kakao;

import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpChannelProvider;
import dev.herald.providers.http.HttpAnswer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kakao AlimTalk through a Korean BizMessage gateway speaking NHN Cloud's AlimTalk v2.3 API
 * ({@code POST /alimtalk/v2.3/appkeys/{appKey}/messages}, {@code X-Secret-Key} header, one recipient per request,
 * the template code chosen by notification type and the message data as template parameters). The gateway answers
 * HTTP 200 with a result header: {@code isSuccessful} and the first recipient's {@code resultCode} 0 is Sent with the
 * gateway's {@code requestId}; otherwise Kakao refused (not a KakaoTalk user, template mismatch), which is Rejected
 * but never an invalid address, since the same phone number may still take an SMS fallback. A type without a
 * template is Rejected without calling the gateway. 429, 5xx, timeouts and connection failures are retried
 * honouring {@code Retry-After}; any other 4xx is a permanent refusal.
 */
public final class KakaoAlimTalkProvider extends HttpChannelProvider {
    private static final int MAX_REASON = 200;

    private final KakaoAlimTalkSettings settings;
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI messagesUri;

    public KakaoAlimTalkProvider(KakaoAlimTalkSettings settings, Clock clock) {
        super(Channel.KAKAO, settings.name(), settings.http(), clock);
        this.settings = settings;
        this.messagesUri = URI.create(settings.baseUrl() + "/alimtalk/v2.3/appkeys/"
                + URLEncoder.encode(settings.appKey(), StandardCharsets.UTF_8) + "/messages");
    }

    @Override
    public SendResult send(OutboundMessage message) {
        // Template codes are configured per type, and configured types are the default tenant's (TenantId.isDefault):
        // another tenant's type of the same name has no approved template of ours.
        String templateCode = message.tenant().isDefault() ? settings.templateCodes().get(message.type()) : null;
        if (templateCode == null) {
            return new SendResult.Rejected(name(), "no AlimTalk template for type " + message.type(), false);
        }
        String payload;
        try {
            payload = json.writeValueAsString(body(message, templateCode));
        } catch (JacksonException e) {
            return new SendResult.Rejected(name(), "AlimTalk request could not be serialised", false);
        }
        HttpRequest request = carrier.request(messagesUri)
                .header("X-Secret-Key", settings.secretKey())
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        return carrier.exchange(request, answer -> read(answer, message));
    }

    private Map<String, Object> body(OutboundMessage message, String templateCode) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("recipientNo", message.address());
        recipient.put("content", message.message().text() == null ? "" : message.message().text());
        recipient.put("templateParameter", templateParameters(message.message().data()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("senderKey", settings.senderKey());
        body.put("templateCode", templateCode);
        body.put("recipientList", List.of(recipient));
        return body;
    }

    /** AlimTalk template variables are flat strings; nested data has no place in a template and is left out. */
    private static Map<String, String> templateParameters(Map<String, Object> data) {
        Map<String, String> parameters = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                    || value instanceof Character) {
                parameters.put(key, String.valueOf(value));
            }
        });
        return parameters;
    }

    private SendResult read(HttpAnswer answer, OutboundMessage message) {
        JsonNode body;
        try {
            body = answer.body() == null || answer.body().isBlank() ? null : json.readTree(answer.body());
        } catch (JacksonException notJson) {
            body = null;
        }
        if (body == null || !body.path("header").isObject()) {
            // Without the result header we cannot tell whether Kakao took it; the gateway's own answers always
            // carry one, so this is more likely a proxy's page than a sent message.
            return new SendResult.Retry(name(), "HTTP " + answer.status() + " without an AlimTalk result header");
        }
        JsonNode header = body.path("header");
        if (!header.path("isSuccessful").asBoolean(false)) {
            return refused(header);
        }
        JsonNode first = body.path("message").path("sendResults").path(0);
        if (first.isObject() && first.path("resultCode").asInt(0) != 0) {
            return refused(first);
        }
        JsonNode requestId = body.path("message").path("requestId");
        return requestId.isString() && !requestId.stringValue().isBlank()
                ? new SendResult.Sent(name(), requestId.stringValue())
                : new SendResult.Sent(name(), message.idempotencyKey(), "AlimTalk answer had no requestId");
    }

    private SendResult refused(JsonNode result) {
        String code = result.path("resultCode").asString("?");
        String text = result.path("resultMessage").asString("");
        String reason = "AlimTalk refused (" + code + ")" + (text.isBlank() ? "" : ": " + text.strip());
        return new SendResult.Rejected(name(), reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON),
                false);
    }
}
