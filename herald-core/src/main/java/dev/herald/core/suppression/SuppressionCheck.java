package dev.herald.core.suppression;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.NewNotification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applied to what planning produced, before it is written: a delivery that would go to a suppressed address is
 * SUPPRESSED instead, naming the entry. Whole batches are checked with one lookup ({@link SuppressionList#findAll},
 * chunked at {@link SuppressionList#MAX_LOOKUP} addresses), not one query per delivery. Deliveries that will not be
 * sent anyway (declined, no address) are left as planned.
 */
public final class SuppressionCheck {
    /** A check that suppresses nothing: for an intake without a suppression list. */
    public static final SuppressionCheck NONE = new SuppressionCheck(null);

    private final SuppressionList list;

    public SuppressionCheck(SuppressionList list) {
        this.list = list;
    }

    /**
     * @param critical the notifications of a critical type: only reasons that {@link SuppressionReason#blocksCritical()
     *                 block critical} suppress their deliveries
     */
    public List<NewNotification> apply(TenantId tenant, List<NewNotification> planned, Set<UUID> critical) {
        if (list == null) {
            return planned;
        }
        Set<SuppressedAddress> wanted = new LinkedHashSet<>();
        for (NewNotification n : planned) {
            for (Delivery d : n.deliveries()) {
                if (checked(d)) {
                    SuppressedAddress.ofDelivery(d.channel(), d.address()).ifPresent(wanted::add);
                }
            }
        }
        if (wanted.isEmpty()) {
            return planned;
        }
        Map<SuppressedAddress, Suppression> found = lookUp(tenant, List.copyOf(wanted));
        if (found.isEmpty()) {
            return planned;
        }
        List<NewNotification> result = new ArrayList<>(planned.size());
        for (NewNotification n : planned) {
            boolean isCritical = critical.contains(n.notification().id());
            List<Delivery> deliveries = new ArrayList<>(n.deliveries().size());
            boolean changed = false;
            for (Delivery d : n.deliveries()) {
                Optional<Suppression> entry = checked(d)
                        ? SuppressedAddress.ofDelivery(d.channel(), d.address()).map(found::get)
                        : Optional.empty();
                if (entry.isPresent() && entry.get().blocks(isCritical)) {
                    deliveries.add(Delivery.planned(d.id(), d.notificationId(), d.channel(), d.lane(), d.userId(),
                            d.address()).suppressed(entry.get().explanation(), d.createdAt()));
                    changed = true;
                } else {
                    deliveries.add(d);
                }
            }
            // The run goes with it: held deliveries that became SUPPRESSED are skipped when their step is reached.
            result.add(changed ? new NewNotification(n.notification(), deliveries, n.run()) : n);
        }
        return result;
    }

    /** Deliveries that would be sent: queued, scheduled (a later send, quiet hours) or a digest item. */
    private static boolean checked(Delivery d) {
        return d.status() == DeliveryStatus.QUEUED || d.status() == DeliveryStatus.SCHEDULED;
    }

    private Map<SuppressedAddress, Suppression> lookUp(TenantId tenant, List<SuppressedAddress> wanted) {
        if (wanted.size() <= SuppressionList.MAX_LOOKUP) {
            return list.findAll(tenant, wanted);
        }
        Map<SuppressedAddress, Suppression> found = new HashMap<>();
        for (int from = 0; from < wanted.size(); from += SuppressionList.MAX_LOOKUP) {
            found.putAll(list.findAll(tenant,
                    wanted.subList(from, Math.min(wanted.size(), from + SuppressionList.MAX_LOOKUP))));
        }
        return found;
    }
}
