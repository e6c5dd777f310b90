package dev.herald.server.api;

import dev.herald.core.notification.DeliveryRef;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.Suppression;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.suppression.SuppressionReason;
import dev.herald.core.suppression.SuppressionSource;
import dev.herald.providers.twilio.TwilioSignature;
import dev.herald.server.config.TwilioCallbacks;
import dev.herald.server.inbound.UnreachableNumbers;
import dev.herald.server.metrics.InboundEventCounter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Twilio's status callbacks: public (Twilio has no API key of ours) but signed. A callback is believed only when
 * {@code X-Twilio-Signature} is the HMAC of the exact URL Herald gave Twilio plus the posted form, keyed with the
 * auth token of the Twilio account that sent the delivery. Anything else is a 403 and changes nothing; an unknown
 * delivery gets the same 403, so the endpoint does not reveal which delivery ids exist.
 */
@RestController
class TwilioCallbackController {
    private final NotificationStore notifications;
    private final TwilioCallbacks callbacks;
    private final SuppressionList suppressions;
    private final InboundEventCounter counter;
    private final Clock clock;

    TwilioCallbackController(NotificationStore notifications, TwilioCallbacks callbacks,
                             SuppressionList suppressions, InboundEventCounter counter, Clock clock) {
        this.notifications = notifications;
        this.callbacks = callbacks;
        this.suppressions = suppressions;
        this.counter = counter;
        this.clock = clock;
    }

    @SuccessStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/api/v1/callbacks/twilio")
    ResponseEntity<Void> status(HttpServletRequest request) {
        Map<String, String> query = parseQuery(request.getQueryString());
        Map<String, String> form = formOnly(request, query.keySet());
        Optional<DeliveryRef> delivery = deliveryId(query.get("deliveryId")).flatMap(notifications::findDelivery);
        // The account named in the (signed) URL: the delivery's own provider column may not be written yet.
        Optional<TwilioCallbacks.Account> account = callbacks.account(query.get("provider"));
        if (delivery.isEmpty() || account.isEmpty()) {
            throw new SignatureRefusedException();
        }
        String url = account.get().callbackUrl() + "?" + request.getQueryString();
        TwilioSignature signature = account.get().signature();
        if (!signature.isValid(url, form, request.getHeader("X-Twilio-Signature"))) {
            throw new SignatureRefusedException();
        }
        DeliveryRef d = delivery.get();
        if (d.provider() != null && !d.provider().equals(query.get("provider"))) {
            // Signed by one account for a delivery another provider carried (a failover): not this account's news.
            return ResponseEntity.noContent().build();
        }
        String sid = form.get("MessageSid");
        if (sid != null && d.providerMessageId() != null && !sid.equals(d.providerMessageId())) {
            // Signed by Twilio but about another message: nothing to record here.
            return ResponseEntity.noContent().build();
        }
        String status = form.getOrDefault("MessageStatus", "");
        String errorCode = form.get("ErrorCode");
        switch (status) {
            case "delivered" -> notifications.recordReceipt(d.tenant(), d.id(), DeliveryStatus.DELIVERED,
                    clock.instant(), "Twilio: delivered to the handset");
            case "read" -> notifications.recordReceipt(d.tenant(), d.id(), DeliveryStatus.READ, clock.instant(),
                    "Twilio: read");
            case "undelivered", "failed" -> {
                notifications.recordReceipt(d.tenant(), d.id(), DeliveryStatus.FAILED, clock.instant(),
                        "Twilio: " + status + (errorCode == null ? "" : " (error " + errorCode + ")"));
                suppressUnreachable(d, errorCode, form.get("To"));
            }
            default -> {
                // queued, sending, sent, accepted: nothing beyond what the send itself recorded.
            }
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** A number Twilio says cannot receive SMS at all goes on the tenant's suppression list, naming the delivery. */
    private void suppressUnreachable(DeliveryRef d, String errorCode, String to) {
        if (!UnreachableNumbers.isUnreachable(errorCode) || to == null || !to.startsWith("+") || to.length() > 16) {
            return;
        }
        boolean added = suppressions.add(d.tenant(), new Suppression(SuppressedAddress.phone(to),
                SuppressionReason.INVALID_NUMBER, SuppressionSource.TWILIO, clock.instant(), d.id()));
        counter.count("twilio", added ? "applied" : "duplicate");
    }

    private static Optional<UUID> deliveryId(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The posted form fields: the request's parameters minus those that came in the query string. */
    private static Map<String, String> formOnly(HttpServletRequest request, Set<String> queryNames) {
        Map<String, String> form = new LinkedHashMap<>();
        Set<String> skip = new HashSet<>(queryNames);
        request.getParameterMap().forEach((name, values) -> {
            if (!skip.contains(name) && values.length > 0) {
                form.put(name, values[0]);
            }
        });
        return form;
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null) {
            return params;
        }
        try {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException malformed) {
            // Not a URL Herald gave Twilio: refused like any other unverifiable callback.
            throw new SignatureRefusedException();
        }
        return params;
    }
}
