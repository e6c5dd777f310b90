package dev.herald.server.api;

import dev.herald.core.model.TenantId;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.suppression.InboundProvider;
import dev.herald.core.suppression.ProviderFeedback;
import dev.herald.server.inbound.SendGridEvents;
import dev.herald.server.inbound.SendGridSignature;
import dev.herald.server.inbound.TenantInboundSettings;
import dev.herald.server.metrics.InboundEventCounter;
import jakarta.servlet.http.HttpServletRequest;
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
 * SendGrid's signed Event Webhook: public but signed with the tenant's verification key (ECDSA, see
 * {@link SendGridSignature}; set through the API, else configured: {@link TenantInboundSettings}); an unconfigured
 * tenant or a bad or stale signature is a 403 and writes nothing. The key is per tenant, so it is looked up before
 * the signature can be checked; the lookup is cached, a tenant without a key included (for at most 30 s), so posts
 * for an unknown tenant cost at most one read each 30 s per tenant name. The body is a JSON array of events;
 * bounces, spam reports, deliveries and drops go to {@link ProviderFeedback} (see {@link SendGridEvents}), the rest
 * is counted as ignored. At most {@link #MAX_EVENTS} events per post.
 */
@RestController
class SendGridCallbackController {
    static final String PROVIDER = "sendgrid";
    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";
    private static final int MAX_EVENTS = 5000;

    private final TenantInboundSettings settings;
    private final SendGridSignature signature;
    private final ProviderFeedback feedback;
    private final InboundEventCounter counter;
    private final JsonMapper json;
    private final Clock clock;

    SendGridCallbackController(TenantInboundSettings settings, SendGridSignature signature, ProviderFeedback feedback,
                               InboundEventCounter counter, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.signature = signature;
        this.feedback = feedback;
        this.counter = counter;
        this.json = json;
        this.clock = clock;
    }

    @SuccessStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/api/v1/callbacks/sendgrid/{tenant}")
    ResponseEntity<Void> receive(@PathVariable String tenant, @RequestBody byte[] body, HttpServletRequest request) {
        String key = settings.values(tenant, InboundProvider.SENDGRID).stream().findFirst().orElse(null);
        if (!signature.isValid(key, request.getHeader(TIMESTAMP), request.getHeader(SIGNATURE), body)) {
            counter.count(PROVIDER, "refused");
            throw new SignatureRefusedException();
        }
        JsonNode events = events(body);
        TenantId id = new TenantId(tenant);
        for (JsonNode event : events) {
            String outcome = SendGridEvents.read(event, clock.instant())
                    .map(e -> feedback.apply(id, e).value()).orElse("ignored");
            counter.count(PROVIDER, outcome);
        }
        return ResponseEntity.noContent().build();
    }

    private JsonNode events(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException notJson) {
            throw InvalidRequestException.of("body", "format", "must be a JSON array of SendGrid events");
        }
        if (tree == null || !tree.isArray()) {
            throw InvalidRequestException.of("body", "format", "must be a JSON array of SendGrid events");
        }
        if (tree.size() > MAX_EVENTS) {
            throw InvalidRequestException.of("body", "max-items", "must hold at most " + MAX_EVENTS + " events");
        }
        return tree;
    }
}
