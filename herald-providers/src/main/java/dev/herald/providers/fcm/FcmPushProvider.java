package dev.herald.providers.fcm;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.recipients.PushAddress.PushPlatform;
import dev.herald.providers.push.PushProvider;
import dev.herald.providers.http.HttpAnswer;
import dev.herald.providers.http.HttpCarrier;
import dev.herald.providers.http.RetryAfter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Push to Android, web and (through Firebase) iOS devices over the FCM HTTP v1 API
 * ({@code POST /v1/projects/{project}/messages:send}, bearer access token minted from a service-account key by
 * Google's auth library). A 200 is Sent with FCM's message {@code name}. FCM's error code decides the rest:
 * UNREGISTERED, SENDER_ID_MISMATCH and an INVALID_ARGUMENT about the registration token are refusals of the address
 * (the token is dead or foreign); any other 4xx is a permanent refusal; 401 is retried with a freshly fetched
 * access token; 429 (QUOTA_EXCEEDED) and 5xx (UNAVAILABLE, INTERNAL) are retried honouring {@code Retry-After}
 * (a device's own rate, "Device message rate exceeded", as that recipient's trouble, not FCM's), as are
 * timeouts, connection failures and a token endpoint that cannot be reached. Reasons quote FCM's codes, never its
 * messages, which can echo the message's fields.
 */
public final class FcmPushProvider extends PushProvider {
    private final FcmSettings settings;
    private final HttpCarrier carrier;
    private final RetryAfter retryAfter;
    private final FcmAccessTokens tokens;
    private final URI sendUri;
    private final JsonMapper json = JsonMapper.builder().build();

    public FcmPushProvider(FcmSettings settings, Clock clock) {
        super(settings.name(), PushPlatform.FCM, "FCM");
        this.settings = settings;
        this.carrier = new HttpCarrier(settings.name(), settings.http(), clock);
        this.retryAfter = new RetryAfter(clock);
        ServiceAccountCredentials credentials =
                FcmAccessTokens.load(settings.serviceAccount(), settings.tokenUri());
        this.tokens = new FcmAccessTokens(credentials, settings.http().requestTimeout());
        String projectId = settings.projectId() != null ? settings.projectId() : credentials.getProjectId();
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException(
                    "FCM projectId is not set and the service-account key has no project_id");
        }
        this.sendUri = URI.create(settings.baseUrl() + "/v1/projects/"
                + URLEncoder.encode(projectId, StandardCharsets.UTF_8) + "/messages:send");
    }

    /** Where access tokens are fetched: {@code tokenUri} if set, else the key's {@code token_uri} (or Google's). */
    public URI tokenEndpoint() {
        return tokens.endpoint();
    }

    /** The access token and the send share one request deadline. */
    @Override
    public Duration longestSend() {
        return carrier.longestSend();
    }

    @Override
    protected SendResult send(OutboundMessage message, String token) {
        long started = System.nanoTime();
        String accessToken;
        try {
            accessToken = tokens.current();
        } catch (FcmAccessTokens.Unavailable e) {
            return new SendResult.Retry(name(), "could not obtain an FCM access token: " + e.getMessage());
        }
        // Fetching a token and sending share the one deadline, so the whole send fits in longestSend().
        Duration left = settings.http().requestTimeout().minusNanos(System.nanoTime() - started);
        if (left.compareTo(Duration.ofMillis(1)) < 0) {
            return new SendResult.Retry(name(), "no time left to send after fetching the FCM access token");
        }
        HttpRequest request = carrier.request(sendUri).timeout(left)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(message, token), StandardCharsets.UTF_8))
                .build();
        return carrier.exchange(request, answer -> sent(answer, message), this::refused);
    }

    private String body(OutboundMessage message, String token) {
        Map<String, String> notification = new LinkedHashMap<>();
        if (message.message().subject() != null) {
            notification.put("title", message.message().subject());
        }
        if (message.message().text() != null) {
            notification.put("body", message.message().text());
        }
        // FCM data values must be strings; the notification's own data goes first so Herald's ids cannot be shadowed.
        Map<String, String> data = new LinkedHashMap<>();
        message.message().data().forEach((key, value) -> {
            if (value != null) {
                data.put(key, value instanceof String s ? s : json.writeValueAsString(value));
            }
        });
        data.put("deliveryId", message.deliveryId().toString());
        data.put("notificationId", message.notificationId().toString());
        if (message.type() != null) {
            data.put("type", message.type());
        }
        Map<String, Object> fcmMessage = new LinkedHashMap<>();
        fcmMessage.put("token", token);
        fcmMessage.put("notification", notification);
        fcmMessage.put("data", data);
        return json.writeValueAsString(Map.of("message", fcmMessage));
    }

    private SendResult sent(HttpAnswer answer, OutboundMessage message) {
        Optional<String> id;
        try {
            JsonNode name = json.readTree(answer.body()).path("name");
            id = name.isString() ? Optional.of(name.stringValue()) : Optional.empty();
        } catch (JacksonException notJson) {
            id = Optional.empty();
        }
        // FCM took the message either way; sending again because its answer was odd would duplicate the push.
        return id.<SendResult>map(n -> new SendResult.Sent(name(), n))
                .orElseGet(() -> new SendResult.Sent(name(), message.idempotencyKey(), "FCM answer had no name"));
    }

    private SendResult refused(HttpAnswer answer) {
        FcmError error = FcmError.read(json, answer.body());
        String code = "FCM " + error.label() + " (HTTP " + answer.status() + ")";
        if (error.is("UNREGISTERED")) {
            return new SendResult.Rejected(name(), "device token is no longer registered: " + code, true);
        }
        if (error.is("SENDER_ID_MISMATCH")) {
            // Usually the wrong Firebase project in our configuration: refuse, but keep the device registered.
            return new SendResult.Rejected(name(), "device token belongs to another Firebase sender (check "
                    + "the configured project): " + code, false);
        }
        if (error.saysTokenIsInvalid()) {
            return new SendResult.Rejected(name(), "device token is not a valid FCM registration token: " + code, true);
        }
        if (error.is("THIRD_PARTY_AUTH_ERROR")) {
            // FCM's own credentials for APNs or web push are wrong: an operator must fix the Firebase project.
            return new SendResult.Retry(name(), "Firebase could not authenticate with APNs or web push; "
                    + "check the project's APNs key or VAPID settings: " + code);
        }
        if (answer.status() == 401) {
            tokens.refused();
            return new SendResult.Retry(name(),
                    "FCM refused the access token; a new one is fetched for the next attempt: " + code);
        }
        if (error.saysDeviceRateExceeded()) {
            // One device gets too much: retried for this delivery, but FCM as a whole is fine.
            return new SendResult.Retry(name(), code + ": too many messages to this device",
                    retryAfter.from(answer.headers()), true, true);
        }
        if (answer.isPassingFailure()) {
            return new SendResult.Retry(name(), code, retryAfter.from(answer.headers()));
        }
        return new SendResult.Rejected(name(), code, false);
    }
}
