package dev.herald.providers.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.ApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.FailureKind;
import dev.herald.core.recipients.PushAddress.PushPlatform;
import dev.herald.providers.push.KeySource;
import dev.herald.providers.push.PushProvider;
import dev.herald.providers.push.UnreadableKey;

import javax.net.ssl.SSLException;
import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Push to Apple devices over APNs' HTTP/2 API through Pushy, authenticated with a provider token signed by the
 * team's {@code .p8} key. An accepted notification is Sent with its {@code apns-id}. BadDeviceToken, Unregistered
 * (410) are refusals of the address (the device is forgotten); DeviceTokenNotForTopic is refused but the device is
 * kept, since a wrong topic in the configuration looks the same; TooManyRequests (one device token sent too
 * much) is retried as that recipient's trouble, not APNs'; InternalServerError, ServiceUnavailable and Shutdown
 * are retried, as are no answer within the request timeout and a connection
 * failure; a refused provider token or certificate (ExpiredProviderToken, InvalidProviderToken, ...) is retried too,
 * because every message would fail the same way until an operator fixes the key; any other reason (PayloadTooLarge,
 * BadTopic, ...) is a permanent refusal. Close it to close the HTTP/2 connections.
 */
public final class ApnsPushProvider extends PushProvider implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ApnsPushProvider.class.getName());
    // DeviceTokenNotForTopic is left out: a wrong topic in our configuration would otherwise forget every device.
    private static final Set<String> DEAD_TOKEN = Set.of("BadDeviceToken", "Unregistered");
    private static final Set<String> PASSING = Set.of("InternalServerError", "ServiceUnavailable",
            "Shutdown", "IdleTimeout", "TooManyProviderTokenUpdates");
    private static final Set<String> CREDENTIALS = Set.of("ExpiredProviderToken", "InvalidProviderToken",
            "MissingProviderToken", "Forbidden", "BadCertificate", "BadCertificateEnvironment");

    private final ApnsSettings settings;
    private final Clock clock;
    private final ApnsClient client;

    public ApnsPushProvider(ApnsSettings settings, Clock clock) {
        super(settings.name(), PushPlatform.APNS, "APNs");
        this.settings = settings;
        this.clock = clock;
        this.client = connect(settings);
    }

    private static ApnsClient connect(ApnsSettings settings) {
        ApnsSigningKey key;
        try (InputStream in = settings.signingKey().open()) {
            key = ApnsSigningKey.loadFromInputStream(in, settings.teamId(), settings.keyId());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new UnreadableKey("APNs signing key", settings.signingKey(), e);
        }
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(settings.host(), settings.port())
                .setSigningKey(key)
                .setConnectionTimeout(settings.http().connectTimeout());
        KeySource trusted = settings.trustedServerCertificates();
        if (trusted == null) {
            return build(builder);
        }
        // The chain is read when the client is built, so the stream stays open until then.
        try (InputStream in = trusted.open()) {
            builder.setTrustedServerCertificateChain(in);
            return build(builder);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableKey("APNs trusted server certificates", trusted, e);
        }
    }

    private static ApnsClient build(ApnsClientBuilder builder) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for APNs: " + e.getMessage(), e);
        }
    }

    /** One send waits at most the request timeout for APNs' answer (connecting included). */
    @Override
    public Duration longestSend() {
        return settings.http().requestTimeout();
    }

    @Override
    protected SendResult send(OutboundMessage message, String token) {
        // APNs keeps an undelivered notification for an offline device until it expires: a day, as Pushy's default.
        Instant expiry = clock.instant().plus(SimpleApnsPushNotification.DEFAULT_EXPIRATION_PERIOD);
        SimpleApnsPushNotification notification = new SimpleApnsPushNotification(token,
                settings.topic(), payload(message), expiry, DeliveryPriority.IMMEDIATE, PushType.ALERT);
        long timeout = settings.http().requestTimeout().toMillis();
        try {
            return classify(client.sendNotification(notification).get(timeout, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new SendResult.Retry(name(), "no answer from APNs within " + timeout + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new SendResult.Retry(name(), "could not reach APNs: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry(name(), "interrupted while sending");
        }
    }

    private static String payload(OutboundMessage message) {
        ApnsPayloadBuilder payload = new SimpleApnsPayloadBuilder()
                .setAlertTitle(message.message().subject())
                .setAlertBody(message.message().text());
        // The notification's own data goes first so Herald's ids cannot be shadowed.
        message.message().data().forEach(payload::addCustomProperty);
        payload.addCustomProperty("deliveryId", message.deliveryId().toString());
        payload.addCustomProperty("notificationId", message.notificationId().toString());
        if (message.type() != null) {
            payload.addCustomProperty("type", message.type());
        }
        return payload.build();
    }

    private SendResult classify(PushNotificationResponse<SimpleApnsPushNotification> response) {
        if (response.isAccepted()) {
            return new SendResult.Sent(name(), String.valueOf(response.getApnsId()));
        }
        String reason = response.getRejectionReason().orElse("no reason given");
        String code = "APNs " + reason + " (HTTP " + response.getStatusCode() + ")";
        if (DEAD_TOKEN.contains(reason)) {
            String since = response.getTokenInvalidationTimestamp().map(at -> ", inactive since " + at).orElse("");
            return new SendResult.Rejected(name(), "device token is not usable: " + code + since, true);
        }
        if ("DeviceTokenNotForTopic".equals(reason)) {
            return new SendResult.Rejected(name(), "device token is not for topic " + settings.topic()
                    + " (check the configured topic): " + code, false);
        }
        if (CREDENTIALS.contains(reason)) {
            return new SendResult.Retry(name(), "APNs refused Herald's credentials; an operator must check the "
                    + "signing key, team id, key id and topic: " + code);
        }
        if ("TooManyRequests".equals(reason)) {
            // Too many notifications to this one device token: its trouble, not APNs'.
            return SendResult.Retry.forRecipient(name(), code);
        }
        if (PASSING.contains(reason) || response.getStatusCode() >= 500) {
            return new SendResult.Retry(name(), code);
        }
        return new SendResult.Rejected(name(), code, false);
    }

    /** Closes the HTTP/2 connections, waiting a little for notifications still in flight. */
    @Override
    public void close() {
        try {
            client.close().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort: the connections die with the process anyway.
            LOG.log(System.Logger.Level.WARNING, "APNs client {0} did not close cleanly: {1}", name(),
                    FailureKind.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
