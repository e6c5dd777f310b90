package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.suppression.InboundProvider;
import dev.herald.core.suppression.InboundSetting;
import dev.herald.core.suppression.InboundSettings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The real inbound-settings store, counting the reads it serves per tenant (each one a query on tenant_inbound). */
final class ReadCountingInboundSettings implements InboundSettings {
    private final InboundSettings store;
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

    ReadCountingInboundSettings(InboundSettings store) {
        this.store = store;
    }

    /** Reads of this tenant's settings so far. */
    int of(String tenant) {
        AtomicInteger n = reads.get(tenant);
        return n == null ? 0 : n.get();
    }

    @Override
    public Optional<InboundSetting> find(TenantId tenant, InboundProvider provider) {
        reads.computeIfAbsent(tenant.value(), t -> new AtomicInteger()).incrementAndGet();
        return store.find(tenant, provider);
    }

    @Override
    public void save(InboundSetting setting) {
        store.save(setting);
    }

    @Override
    public boolean delete(TenantId tenant, InboundProvider provider) {
        return store.delete(tenant, provider);
    }
}
