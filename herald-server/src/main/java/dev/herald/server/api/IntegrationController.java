package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.channel.Integration;
import dev.herald.core.channel.IntegrationStore;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.AddressKind;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.config.IntegrationProviders;
import dev.herald.server.config.IntegrationsProperties;
import dev.herald.server.integrations.CredentialSeal;
import dev.herald.server.integrations.OpenedIntegration;
import dev.herald.server.integrations.SecretSeal;
import dev.herald.server.integrations.TenantChains;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A tenant's own providers (its SMTP relay, its Twilio account, its Firebase project): stored with their credentials sealed, shown with
 * a fingerprint of each credential instead of its value, and used before the installation's providers for the
 * tenant's deliveries on their channels. Settings are checked by the same code that checks
 * {@code herald.providers} at start-up ({@link IntegrationProviders}).
 */
@RestController
@RequestMapping("/api/v1/integrations")
class IntegrationController {
    private static final int MAX_SECRET_LENGTH = 4000;
    private static final int MAX_SETTINGS_JSON = 20_000;
    private static final int MAX_ORDER = 1000;

    private final IntegrationStore store;
    private final IntegrationProviders providers;
    private final CredentialSeal seal;
    private final TenantChains chains;
    private final AddressRules addresses;
    private final IntegrationsProperties properties;
    private final Clock clock;
    private final AuditedChange audited;

    IntegrationController(IntegrationStore store, IntegrationProviders providers, CredentialSeal seal,
                          TenantChains chains, AddressRules addresses, IntegrationsProperties properties, Clock clock,
                          AuditedChange audited) {
        this.audited = audited;
        this.store = store;
        this.providers = providers;
        this.seal = seal;
        this.chains = chains;
        this.addresses = addresses;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a caller puts: the kind, its settings (credentials among them), the channels it carries, its place. */
    record IntegrationSpec(String kind, Map<String, Object> settings, List<String> channels, Integer order) {
    }

    /** What the API shows: every clear setting, and for each credential only {@code sha256:<first 8 hex>}. */
    record IntegrationView(String name, String kind, List<Channel> channels, int order, Map<String, Object> settings,
                           Map<String, String> credentials, long version, Instant updatedAt) {
    }

    record TestSpec(String address) {
    }

    /** The outcome of one test message: {@code sent}, or {@code failed} with the provider's reason. */
    record TestOutcome(String outcome, String provider, String reason) {
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping
    List<IntegrationView> list(Caller caller) {
        ForbiddenException.require(caller, Scope.ADMIN);
        return store.list(caller.tenant()).stream().map(this::view).toList();
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping("/{name}")
    IntegrationView get(Caller caller, @PathVariable String name) {
        ForbiddenException.require(caller, Scope.ADMIN);
        return view(find(caller.tenant(), name));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus({HttpStatus.CREATED, HttpStatus.OK})
    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IntegrationView> put(Caller caller, @PathVariable String name, @RequestBody IntegrationSpec body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        TenantId tenant = caller.tenant();
        Violations v = new Violations();
        IntegrationProviders.checkName(v, name);
        providers.checkKind(v, body.kind());
        int order = body.order() == null ? 0 : body.order();
        if (order < 0 || order > MAX_ORDER) {
            v.add("order", "range", "must be 0.." + MAX_ORDER);
        }
        List<Channel> channels = channels(v, body.channels());
        v.throwIfAny();
        IntegrationProviders.Split split = providers.split(v, body.kind(), body.settings());
        split.secrets().forEach((key, value) -> {
            v.maxLength("settings." + key, value, MAX_SECRET_LENGTH);
            v.noNul("settings." + key, value);
        });
        String settingsJson = OpenedIntegration.json(split.open());
        if (settingsJson.length() > MAX_SETTINGS_JSON) {
            v.add("settings", "max-length", "must be at most " + MAX_SETTINGS_JSON + " characters as JSON");
        }
        v.throwIfAny();
        SecretSeal sealing = seal.require();
        Optional<Integration> existing = store.find(tenant, name);
        if (existing.isEmpty() && store.list(tenant).size() >= properties.maxPerTenant()) {
            v.add("name", "max-items", "a tenant may have at most " + properties.maxPerTenant() + " integrations");
            v.throwIfAny();
        }
        Map<String, String> secrets = keptSecrets(existing, body.kind(), sealing);
        split.secrets().forEach((key, value) -> {
            // An empty credential removes the stored one; one left out keeps it (GET never shows it to copy back).
            if (value.isEmpty()) {
                secrets.remove(key);
            } else {
                secrets.put(key, value);
            }
        });
        Channel carried;
        try (IntegrationProviders.Built built = providers.build(name, body.kind(), split.open(), secrets)) {
            // Built only to check the settings; the tenant's chains build their own.
            carried = built.provider().channel();
        }
        if (channels.isEmpty()) {
            channels = List.of(carried);
        }
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i) != carried) {
                v.add("channels[" + i + "]", "kind-mismatch", "a " + body.kind() + " integration carries "
                        + carried + " only");
            }
        }
        v.throwIfAny();
        SecretSeal.Sealed sealed = secrets.isEmpty() ? null : sealing.seal(tenant, name, secrets);
        Integration integration = new Integration(tenant, name, body.kind(), channels, order, settingsJson,
                sealed == null ? null : sealed.ciphertext(), sealed == null ? null : sealed.keyId(), 0,
                clock.instant());
        // The summary names which credentials are held, never their values or any other setting's value.
        AuditSummary summary = AuditSummary.of("kind", body.kind()).and("channels", integration.channels())
                .and("order", integration.order()).and("credentials", new TreeSet<>(secrets.keySet()));
        boolean created = audited.run(caller, () -> store.put(integration),
                isNew -> Audited.of(AuditAction.INTEGRATION_SAVED, "integration:" + name,
                        summary.and("created", isNew)));
        chains.changed(tenant);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view(find(tenant, name)));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String name) {
        ForbiddenException.require(caller, Scope.ADMIN);
        if (!audited.run(caller, () -> store.delete(caller.tenant(), name),
                gone -> gone ? Audited.of(AuditAction.INTEGRATION_DELETED, "integration:" + name) : Audited.NOTHING)) {
            throw new NotFoundException("no integration '" + name + "'");
        }
        chains.changed(caller.tenant());
        return ResponseEntity.noContent().build();
    }

    /**
     * Sends one test message through this integration alone (no failover, no breaker): the answer says whether
     * the provider took it, or why not.
     */
    @RequiresScope(Scope.ADMIN)
    @PostMapping(path = "/{name}/test", consumes = MediaType.APPLICATION_JSON_VALUE)
    TestOutcome test(Caller caller, @PathVariable String name, @RequestBody TestSpec body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Integration integration = find(caller.tenant(), name);
        Channel channel = integration.channels().getFirst();
        Violations v = new Violations();
        if (v.required("address", body.address())) {
            AddressKind kind = channel.traits().address();
            switch (kind) {
                case EMAIL -> addresses.email(v, "address", body.address());
                case PHONE -> addresses.phone(v, "address", body.address());
                case PUSH_TOKEN -> addresses.pushToken(v, "address", body.address());
                default -> v.add("address", "unsupported",
                        "test messages go to an email address, a phone number or a device token");
            }
        }
        v.throwIfAny();
        IntegrationProviders.Built built;
        try {
            built = providers.build(name, integration.kind(), OpenedIntegration.settings(integration),
                    openSecrets(integration, seal.require()));
        } catch (InvalidRequestException e) {
            return new TestOutcome("failed", name, "the stored settings are no longer valid: "
                    + String.join(", ", e.violations().stream().map(x -> x.field() + " " + x.rule()).toList()));
        } catch (IllegalStateException e) {
            // A library's message may quote what it was given (a host, a key): the answer names the kind only.
            return new TestOutcome("failed", name, "the integration could not be built: " + FailureKind.of(e));
        }
        UUID id = UUID.randomUUID();
        OutboundMessage message = new OutboundMessage(id, caller.tenant(), id, "herald.integration-test", channel,
                null, body.address(), new Message("Herald test message", "This is a test message from Herald,"
                + " sent through the integration " + name + ".", null));
        SendResult result;
        try (built) {
            result = built.provider().send(message);
        } catch (RuntimeException e) {
            result = new SendResult.Retry(name, "provider error: " + e.getClass().getSimpleName());
        }
        return switch (result) {
            case SendResult.Sent sent -> new TestOutcome("sent", sent.provider(), null);
            case SendResult.Retry retry -> new TestOutcome("failed", retry.provider(), retry.reason());
            case SendResult.Rejected rejected -> new TestOutcome("failed", rejected.provider(), rejected.reason());
        };
    }

    private Integration find(TenantId tenant, String name) {
        return store.find(tenant, name).orElseThrow(() -> new NotFoundException("no integration '" + name + "'"));
    }

    private static List<Channel> channels(Violations v, List<String> given) {
        List<Channel> channels = new ArrayList<>();
        if (given == null) {
            return channels;
        }
        if (given.size() > Channel.values().length) {
            v.add("channels", "max-items", "must list each channel at most once");
            return channels;
        }
        for (int i = 0; i < given.size(); i++) {
            Optional<Channel> channel = given.get(i) == null ? Optional.empty() : Channel.parse(given.get(i));
            if (channel.isEmpty()) {
                v.add("channels[" + i + "]", "unknown-value", "must be one of " + Channel.allNames());
            } else if (channels.contains(channel.get())) {
                v.add("channels[" + i + "]", "duplicate", "is listed twice");
            } else {
                channels.add(channel.get());
            }
        }
        return channels;
    }

    /** The stored credentials of the same kind, which a PUT that leaves them out keeps. */
    private Map<String, String> keptSecrets(Optional<Integration> existing, String kind, SecretSeal sealing) {
        Map<String, String> kept = new LinkedHashMap<>();
        Integration old = existing.orElse(null);
        if (old != null && old.kind().equals(kind) && old.secretsCiphertext() != null) {
            // Sealed under a key this node no longer has: nothing to keep, the caller gives them again.
            sealing.open(old.tenant(), old.name(), old.secretsCiphertext(), old.keyId()).ifPresent(kept::putAll);
        }
        return kept;
    }

    private static Map<String, String> openSecrets(Integration integration, SecretSeal sealing) {
        if (integration.secretsCiphertext() == null) {
            return Map.of();
        }
        return sealing.open(integration.tenant(), integration.name(), integration.secretsCiphertext(),
                integration.keyId()).orElseThrow(() -> new IllegalStateException("the stored credentials do not"
                + " open with this installation's keys; put them again"));
    }

    private IntegrationView view(Integration integration) {
        Map<String, String> credentials = new TreeMap<>();
        if (integration.secretsCiphertext() != null) {
            Optional<Map<String, String>> opened = seal.available().flatMap(s -> s.open(integration.tenant(),
                    integration.name(), integration.secretsCiphertext(), integration.keyId()));
            if (opened.isPresent()) {
                opened.get().forEach((key, value) -> credentials.put(key, "sha256:" + SecretSeal.fingerprint(value)));
            } else {
                IntegrationProviders.secretKeys(integration.kind()).forEach(key -> credentials.put(key, "unreadable"));
            }
        }
        return new IntegrationView(integration.name(), integration.kind(), integration.channels(), integration.order(),
                OpenedIntegration.settings(integration), credentials, integration.version(), integration.updatedAt());
    }
}
