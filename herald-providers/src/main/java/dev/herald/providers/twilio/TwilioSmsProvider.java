package dev.herald.providers.twilio;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SMS through Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, HTTP basic
 * auth with the account SID and auth token). A 2xx answer is Sent with Twilio's message {@code sid}. Twilio's error
 * codes refine a 4xx: 21211 (invalid 'To') and 21614 (not a mobile number) are refusals of the address itself,
 * 21610 (the recipient replied STOP) is a refusal of this sender but not a bad address; any other 4xx is a
 * permanent refusal; 429, 5xx, timeouts and connection failures are retried, honouring {@code Retry-After}.
 * Reasons quote Twilio's error code, never its message, which echoes the phone number.
 */
public final class TwilioSmsProvider extends HttpChannelProvider {
    private static final Map<Integer, String> ADDRESS_ERRORS = Map.of(
            21211, "invalid 'To' number",
            21614, "'To' number is not a mobile number");
    private static final int UNSUBSCRIBED = 21610;

    private final TwilioSettings settings;
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI messagesUri;
    private final String authorization;

    public TwilioSmsProvider(TwilioSettings settings, Clock clock) {
        super(Channel.SMS, settings.name(), settings.http(), clock);
        this.settings = settings;
        this.messagesUri = URI.create(settings.baseUrl() + "/2010-04-01/Accounts/"
                + URLEncoder.encode(settings.accountSid(), StandardCharsets.UTF_8) + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SendResult send(OutboundMessage message) {
        HttpRequest request = carrier.request(messagesUri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(message), StandardCharsets.UTF_8))
                .build();
        return carrier.exchange(request, answer -> sent(answer, message), this::refused);
    }

    private String formBody(OutboundMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.address());
        if (settings.messagingServiceSid() != null) {
            form.put("MessagingServiceSid", settings.messagingServiceSid());
        } else {
            form.put("From", settings.fromNumber());
        }
        form.put("Body", message.message().text() == null ? "" : message.message().text());
        if (settings.statusCallbackBaseUrl() != null) {
            // The account's name rides along (signed with the rest of the URL): a receipt can be checked before
            // the send's own outcome, which names the provider, reaches the database.
            form.put("StatusCallback", settings.statusCallbackBaseUrl() + "/api/v1/callbacks/twilio?deliveryId="
                    + message.deliveryId() + "&provider=" + URLEncoder.encode(name(), StandardCharsets.UTF_8));
        }
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private SendResult sent(HttpAnswer answer, OutboundMessage message) {
        Optional<String> sid = read(answer).map(body -> body.path("sid"))
                .filter(JsonNode::isString).map(JsonNode::stringValue);
        // Twilio took the message either way; sending again because its answer was odd would duplicate the SMS.
        return sid.<SendResult>map(s -> new SendResult.Sent(name(), s))
                .orElseGet(() -> new SendResult.Sent(name(), message.idempotencyKey(), "Twilio answer had no sid"));
    }

    private SendResult refused(HttpAnswer answer) {
        if (answer.isPassingFailure() || answer.status() == 401) {
            // 401: our credentials (a rotated auth token), not the message; retried so the chain can fail over.
            return carrier.classify(answer);
        }
        int code = read(answer).map(body -> body.path("code").asInt(0)).orElse(0);
        String addressError = ADDRESS_ERRORS.get(code);
        if (addressError != null) {
            return new SendResult.Rejected(name(), "Twilio error " + code + ": " + addressError, true);
        }
        if (code == UNSUBSCRIBED) {
            // The number is fine; its owner told this sender to stop. Another channel or sender may still reach them.
            return new SendResult.Rejected(name(), "Twilio error 21610: recipient unsubscribed (STOP)", false);
        }
        return new SendResult.Rejected(name(), "HTTP " + answer.status() + (code == 0 ? "" : ", Twilio error " + code),
                false);
    }

    private Optional<JsonNode> read(HttpAnswer answer) {
        if (answer.body() == null || answer.body().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(answer.body()));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }
}
