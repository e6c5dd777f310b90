package dev.herald.core.dedup;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.FailureCounts;
import dev.herald.core.model.FailureKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.herald.core.model.TenantId;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stops the same message reaching the same address twice within the window (a retried upstream job, a double
 * click): the later delivery is SUPPRESSED, naming the one it duplicates. A zero window turns it off.
 */
public final class ContentDedup {
    private static final System.Logger LOG = System.getLogger(ContentDedup.class.getName());
    /** A suppressed duplicate could not be added to the day's savings. */
    public static final String SAVING_NOT_COUNTED = "dedup-saving";
    /** How the reason of a suppressed duplicate begins: the read model tells dedup's suppressions apart by it. */
    public static final String DUPLICATE_REASON = "duplicate of delivery ";

    private final FailureCounts failures = new FailureCounts();
    private final DedupGuard guard;
    private final Duration window;
    private final Map<String, Duration> windowByType;
    private final TypeCatalog types;

    public ContentDedup(DedupGuard guard, Duration window) {
        this(guard, window, Map.of(), TypeCatalog.NONE);
    }

    /**
     * @param windowByType the default tenant's types with their own window in configuration (zero turns dedup off
     *                     for that type); other tenants' types have theirs on the type
     * @param types        the tenants' type rules, whose dedup window wins over the configuration's
     */
    public ContentDedup(DedupGuard guard, Duration window, Map<String, Duration> windowByType,
                        TypeCatalog types) {
        this.guard = guard;
        this.window = window;
        this.windowByType = Map.copyOf(windowByType);
        this.types = types;
    }

    /** No dedup: with a zero window (and no types) the guard is never asked, so there is none. */
    public static ContentDedup off() {
        return new ContentDedup(null, Duration.ZERO);
    }

    /** Whether this delivery may go, repeats one that got through, or waits for one still on its way. */
    public DedupGuard.Claim check(ClaimedDelivery delivery, Instant now) {
        Duration typeWindow = windowFor(delivery.tenant(), delivery.type());
        if (typeWindow.isZero() || typeWindow.isNegative() || delivery.address() == null) {
            return new DedupGuard.Claim.Clear();
        }
        DedupGuard.Claim claim = guard.claim(delivery.tenant(), ContentHash.of(delivery), delivery.id(), typeWindow,
                now);
        counted(delivery, claim, now);
        return claim;
    }

    /**
     * {@link #check} for a whole claimed batch, asking the guard once ({@link DedupGuard#claimAll}) instead of once
     * per delivery: the answer holds a claim for every delivery of the batch.
     */
    public ContentClaims checkAll(List<ClaimedDelivery> deliveries, Instant now) {
        Map<UUID, DedupGuard.Claim> claims = new HashMap<>();
        List<ClaimedDelivery> asked = new ArrayList<>(deliveries.size());
        List<DedupGuard.Request> requests = new ArrayList<>(deliveries.size());
        for (ClaimedDelivery delivery : deliveries) {
            Duration typeWindow = windowFor(delivery.tenant(), delivery.type());
            if (typeWindow.isZero() || typeWindow.isNegative() || delivery.address() == null) {
                claims.put(delivery.id(), new DedupGuard.Claim.Clear());
            } else {
                asked.add(delivery);
                requests.add(new DedupGuard.Request(delivery.tenant(), ContentHash.of(delivery), delivery.id(),
                        typeWindow));
            }
        }
        if (!requests.isEmpty()) {
            List<DedupGuard.Claim> answers = guard.claimAll(requests, now);
            for (int i = 0; i < asked.size(); i++) {
                claims.put(asked.get(i).id(), answers.get(i));
                counted(asked.get(i), answers.get(i), now);
            }
        }
        return new ContentClaims(claims);
    }

    private void counted(ClaimedDelivery delivery, DedupGuard.Claim claim, Instant now) {
        if (claim instanceof DedupGuard.Claim.Duplicate) {
            try {
                guard.countSuppressed(delivery.tenant(), delivery.channel(), now.atZone(ZoneOffset.UTC).toLocalDate());
            } catch (RuntimeException e) {
                // The saving is bookkeeping; the duplicate is suppressed either way.
                LOG.log(System.Logger.Level.WARNING, "could not count the saving of suppressed delivery {0}: {1}",
                        delivery.id(), FailureKind.of(e));
                failures.add(SAVING_NOT_COUNTED);
            }
        }
    }

    /** The bookkeeping failures this dedup logged and carried on past ({@link #SAVING_NOT_COUNTED}). */
    public FailureCounts failures() {
        return failures;
    }

    public Duration windowFor(TenantId tenant, String type) {
        return types.find(tenant, type).map(NotificationType::dedupWindow)
                .orElseGet(() -> tenant.isDefault() ? windowByType.getOrDefault(type, window) : window);
    }
}
