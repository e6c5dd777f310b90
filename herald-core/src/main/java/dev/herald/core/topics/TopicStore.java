package dev.herald.core.topics;

import dev.herald.core.model.TenantId;

import java.util.List;
import java.util.Optional;

/** Port: a tenant's topics and who is subscribed to each. */
public interface TopicStore {
    /** Creates the topic or replaces its name and description; true when it was created. */
    boolean put(TenantId tenant, Topic topic);

    Optional<Topic> find(TenantId tenant, String key);

    /** The tenant's topics by key; at most {@code limit}. */
    List<Topic> list(TenantId tenant, int limit);

    /** Removes the topic and all its subscriptions; false when the tenant has no such topic. */
    boolean delete(TenantId tenant, String key);

    /**
     * Adds and removes subscribers in one transaction, in batched statements; adding a subscriber twice or removing
     * one who is not subscribed changes nothing. The users must exist (the caller checks).
     */
    SubscriberChange change(TenantId tenant, String key, List<String> add, List<String> remove);

    /** Subscribers in user-id order after {@code afterUserId} (exclusive; null for the first page). */
    SubscriberPage subscribers(TenantId tenant, String key, String afterUserId, int limit);

    /** The position of the latest subscription to the topic, 0 when it has none: a broadcast's audience ends there. */
    long lastPosition(TenantId tenant, String key);

    /** How many subscribers the topic has at positions up to {@code upTo}. */
    long count(TenantId tenant, String key, long upTo);

    /**
     * How many subscribers the topic has, counting no further than {@code cap}: a topic with more answers {@code cap}.
     * A page shows "10,000+" without reading a million subscribers.
     */
    long countCapped(TenantId tenant, String key, long cap);

    /** Subscribers with positions in ({@code after}, {@code upTo}], in position order, at most {@code limit}. */
    List<Subscriber> walk(TenantId tenant, String key, long after, long upTo, int limit);
}
