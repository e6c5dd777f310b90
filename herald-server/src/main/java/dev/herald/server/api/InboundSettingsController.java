package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.request.Violations;
import dev.herald.core.suppression.InboundProvider;
import dev.herald.core.suppression.InboundSetting;
import dev.herald.core.suppression.InboundSettings;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.inbound.SendGridSignature;
import dev.herald.server.inbound.TenantInboundSettings;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A tenant's settings for provider events, set by its admins without an operator restart: the SNS topics whose SES
 * notifications it takes, and its SendGrid Event Webhook verification key. Set ones replace the operator's
 * {@code herald.inbound.tenants.<id>} for that provider; deleting them falls back to it. Every node uses a change
 * at once ({@link TenantInboundSettings}).
 */
@RestController
@RequestMapping("/api/v1/inbound")
class InboundSettingsController {
    static final int MAX_TOPICS = 20;
    /** AWS's ARN of an SNS topic: partition, region, 12-digit account, a name of 1..256 (FIFO topics end .fifo). */
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]{1,32}:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final int MAX_ARN = 320;
    private static final int MAX_KEY = 1024;

    private final InboundSettings store;
    private final TenantInboundSettings settings;
    private final AuditedChange audited;
    private final Clock clock;

    InboundSettingsController(InboundSettings store, TenantInboundSettings settings, AuditedChange audited,
                              Clock clock) {
        this.store = store;
        this.settings = settings;
        this.audited = audited;
        this.clock = clock;
    }

    record SesSettings(List<String> topicArns) {
    }

    record SendGridSettings(String publicKey) {
    }

    /**
     * The settings in use: {@code source} is {@code api} (set here), {@code configuration} (the operator's) or
     * {@code none} (every event is refused).
     */
    record SesView(String source, List<String> topicArns, Instant updatedAt) {
    }

    /** As {@link SesView}; the key is public (it only verifies), so it is shown. */
    record SendGridView(String source, String publicKey, Instant updatedAt) {
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping("/ses")
    SesView ses(Caller caller) {
        return inUse(caller, InboundProvider.SES, in -> new SesView(source(in), in.values(), in.updatedAt()),
                new SesView("none", List.of(), null));
    }

    @RequiresScope(Scope.ADMIN)
    @PutMapping(path = "/ses", consumes = MediaType.APPLICATION_JSON_VALUE)
    SesView putSes(Caller caller, @RequestBody SesSettings body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        List<String> topics = topicArns(body.topicArns());
        save(caller, InboundProvider.SES, topics, AuditSummary.of("topics", topics.size()));
        return ses(caller);
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/ses")
    ResponseEntity<Void> deleteSes(Caller caller) {
        return delete(caller, InboundProvider.SES);
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping("/sendgrid")
    SendGridView sendGrid(Caller caller) {
        return inUse(caller, InboundProvider.SENDGRID,
                in -> new SendGridView(source(in), in.values().getFirst(), in.updatedAt()),
                new SendGridView("none", null, null));
    }

    @RequiresScope(Scope.ADMIN)
    @PutMapping(path = "/sendgrid", consumes = MediaType.APPLICATION_JSON_VALUE)
    SendGridView putSendGrid(Caller caller, @RequestBody SendGridSettings body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        // The key is not secret but stays out of the audit log too: the entry says which provider changed.
        save(caller, InboundProvider.SENDGRID, List.of(publicKey(body.publicKey())), "");
        return sendGrid(caller);
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/sendgrid")
    ResponseEntity<Void> deleteSendGrid(Caller caller) {
        return delete(caller, InboundProvider.SENDGRID);
    }

    /** The provider's settings in use as {@code view} shows them, or {@code none} when there are none. */
    private <V> V inUse(Caller caller, InboundProvider provider, Function<TenantInboundSettings.InUse, V> view,
                        V none) {
        ForbiddenException.require(caller, Scope.ADMIN);
        return settings.inUse(caller.tenant().value(), provider).map(view).orElse(none);
    }

    private void save(Caller caller, InboundProvider provider, List<String> values, Object summary) {
        InboundSetting setting = new InboundSetting(caller.tenant(), provider, values, clock.instant());
        audited.run(caller, Audited.of(AuditAction.INBOUND_SAVED, "inbound:" + provider.key(), summary),
                () -> store.save(setting));
        settings.changed(caller.tenant(), provider);
    }

    private ResponseEntity<Void> delete(Caller caller, InboundProvider provider) {
        ForbiddenException.require(caller, Scope.ADMIN);
        if (!audited.run(caller, () -> store.delete(caller.tenant(), provider),
                gone -> gone ? Audited.of(AuditAction.INBOUND_DELETED, "inbound:" + provider.key())
                        : Audited.NOTHING)) {
            throw new NotFoundException("no " + provider.key() + " settings set through the API");
        }
        settings.changed(caller.tenant(), provider);
        return ResponseEntity.noContent().build();
    }

    private static String source(TenantInboundSettings.InUse in) {
        return in.source().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> topicArns(List<String> given) {
        Violations v = new Violations();
        if (given == null || given.isEmpty()) {
            v.add("topicArns", "required", "must list at least one SNS topic ARN (DELETE falls back to configuration)");
        } else if (given.size() > MAX_TOPICS) {
            v.add("topicArns", "max-items", "must list at most " + MAX_TOPICS + " topics");
        } else {
            for (int i = 0; i < given.size(); i++) {
                String arn = given.get(i);
                if (arn == null || arn.length() > MAX_ARN || !TOPIC_ARN.matcher(arn).matches()) {
                    v.add("topicArns[" + i + "]", "format",
                            "must be an SNS topic ARN: arn:aws:sns:<region>:<12-digit account>:<topic name>");
                }
            }
        }
        v.throwIfAny();
        Set<String> distinct = new LinkedHashSet<>(given);
        return List.copyOf(distinct);
    }

    private static String publicKey(String given) {
        Violations v = new Violations();
        if (v.required("publicKey", given) && v.maxLength("publicKey", given, MAX_KEY)
                && SendGridSignature.p256Key(given).isEmpty()) {
            v.add("publicKey", "format", "must be the Event Webhook's verification key as SendGrid shows it: "
                    + "base64 of a DER EC public key on P-256");
        }
        v.throwIfAny();
        return given.strip();
    }
}
