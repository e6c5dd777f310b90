package dev.herald.server.api;

import dev.herald.core.model.TenantId;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.suppression.FeedbackEvent;
import dev.herald.core.suppression.InboundProvider;
import dev.herald.core.suppression.ProviderFeedback;
import dev.herald.server.inbound.SesNotifications;
import dev.herald.server.inbound.SnsMessage;
import dev.herald.server.inbound.SnsSignature;
import dev.herald.server.inbound.SubscriptionConfirmations;
import dev.herald.server.inbound.TenantInboundSettings;
import dev.herald.server.metrics.InboundEventCounter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * Amazon SES notifications through an SNS topic's HTTPS subscription: public (SNS has no API key of ours) but
 * signed. A message is believed only when its topic is one of the tenant's in the path (set through the API, else
 * configured: {@link TenantInboundSettings}) and its SNS signature
 * checks out (certificate from an SNS host, see {@link SnsSignature}); anything else is a 403 and writes nothing.
 * The signature is checked before the tenant's settings are read. A subscription confirmation is confirmed at once;
 * a notification's bounces, complaints, deliveries and rejects go to {@link ProviderFeedback}.
 */
@RestController
class SesCallbackController {
    static final String PROVIDER = "ses";

    private final TenantInboundSettings settings;
    private final SnsSignature signature;
    private final SubscriptionConfirmations confirmations;
    private final SesNotifications notifications;
    private final ProviderFeedback feedback;
    private final InboundEventCounter counter;
    private final JsonMapper json;
    private final Clock clock;

    SesCallbackController(TenantInboundSettings settings, SnsSignature signature,
                          SubscriptionConfirmations confirmations, SesNotifications notifications,
                          ProviderFeedback feedback, InboundEventCounter counter, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.signature = signature;
        this.confirmations = confirmations;
        this.notifications = notifications;
        this.feedback = feedback;
        this.counter = counter;
        this.json = json;
        this.clock = clock;
    }

    @SuccessStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/api/v1/callbacks/ses/{tenant}")
    ResponseEntity<Void> receive(@PathVariable String tenant, @RequestBody byte[] body) {
        SnsMessage message = parse(body);
        // The signature first: it needs only AWS's certificate (fetched once, cached), so a forged or junk post
        // costs no read of the tenant's settings. An unconfigured tenant, another topic, or a bad signature: one
        // answer, so none of them is revealed.
        if (!signature.isValid(message)
                || !settings.values(tenant, InboundProvider.SES).contains(message.topicArn())) {
            counter.count(PROVIDER, "refused");
            throw new SignatureRefusedException();
        }
        switch (message.type()) {
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> {
                if (!confirmations.confirm(message.subscribeUrl())) {
                    // SNS sends the confirmation again; a failed GET is worth its retry, not a silent 204.
                    counter.count(PROVIDER, "confirmation-failed");
                    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
                }
                counter.count(PROVIDER, "subscription-confirmed");
            }
            case SnsMessage.NOTIFICATION -> {
                TenantId id = new TenantId(tenant);
                for (FeedbackEvent event : notifications.read(message.message(), clock.instant())) {
                    counter.count(PROVIDER, feedback.apply(id, event).value());
                }
            }
            default -> counter.count(PROVIDER, "ignored");
        }
        return ResponseEntity.noContent().build();
    }

    private SnsMessage parse(byte[] body) {
        try {
            JsonNode tree = json.readTree(body);
            return SnsMessage.of(tree).orElseThrow(() -> InvalidRequestException.of("body", "format",
                    "must be an Amazon SNS message (Type, MessageId, TopicArn, Message, Timestamp, Signature, "
                            + "SigningCertURL)"));
        } catch (JacksonException notJson) {
            throw InvalidRequestException.of("body", "format", "must be an Amazon SNS message in JSON");
        }
    }
}
