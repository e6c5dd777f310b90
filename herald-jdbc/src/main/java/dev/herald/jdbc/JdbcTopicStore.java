package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.topics.Subscriber;
import dev.herald.core.topics.SubscriberChange;
import dev.herald.core.topics.SubscriberPage;
import dev.herald.core.topics.Topic;
import dev.herald.core.topics.TopicStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Topics and their subscribers; a change of up to thousands of subscribers is a few batched statements. */
public final class JdbcTopicStore implements TopicStore {
    private static final RowMapper<Topic> TOPIC = (rs, i) -> new Topic(rs.getString("topic_key"),
            rs.getString("name"), rs.getString("description"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "updated_at"));

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final SqlDialect dialect;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;

    public JdbcTopicStore(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, java.time.Clock clock) {
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public boolean put(TenantId tenant, Topic topic) {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> {
                if (update(tenant, topic) > 0) {
                    return false;
                }
                client.sql("INSERT INTO topic (tenant_id, topic_key, name, description, created_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)")
                        .params(tenant.value(), topic.key(), Sql.text(topic.name()), Sql.text(topic.description()),
                                Sql.ts(topic.createdAt()), Sql.ts(topic.updatedAt())).update();
                return true;
            }));
        } catch (DuplicateKeyException raced) {
            // Created by a concurrent put meanwhile: this one is an update of it.
            update(tenant, topic);
            return false;
        }
    }

    private int update(TenantId tenant, Topic topic) {
        return client.sql("UPDATE topic SET name = ?, description = ?, updated_at = ?"
                        + " WHERE tenant_id = ? AND topic_key = ?")
                .params(Sql.text(topic.name()), Sql.text(topic.description()), Sql.ts(topic.updatedAt()),
                        tenant.value(), topic.key()).update();
    }

    @Override
    public Optional<Topic> find(TenantId tenant, String key) {
        return client.sql("SELECT * FROM topic WHERE tenant_id = ? AND topic_key = ?")
                .params(tenant.value(), key).query(TOPIC).optional();
    }

    @Override
    public List<Topic> list(TenantId tenant, int limit) {
        return client.sql("SELECT * FROM topic WHERE tenant_id = ? ORDER BY topic_key LIMIT ?")
                .params(tenant.value(), limit).query(TOPIC).list();
    }

    @Override
    public boolean delete(TenantId tenant, String key) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            client.sql("DELETE FROM topic_subscriber WHERE tenant_id = ? AND topic_key = ?")
                    .params(tenant.value(), key).update();
            return client.sql("DELETE FROM topic WHERE tenant_id = ? AND topic_key = ?")
                    .params(tenant.value(), key).update() > 0;
        }));
    }

    @Override
    public SubscriberChange change(TenantId tenant, String key, List<String> add, List<String> remove) {
        try {
            return tx.execute(status -> changeOnce(tenant, key, add, remove));
        } catch (DuplicateKeyException raced) {
            // A concurrent change added some of the same users first: looked up again, they are left alone.
            return tx.execute(status -> changeOnce(tenant, key, add, remove));
        }
    }

    private SubscriberChange changeOnce(TenantId tenant, String key, List<String> add, List<String> remove) {
        int removed = 0;
        if (!remove.isEmpty()) {
            List<Object[]> rows = new LinkedHashSet<>(remove).stream()
                    .map(user -> new Object[]{tenant.value(), key, user}).toList();
            for (int n : jdbc.batchUpdate("DELETE FROM topic_subscriber WHERE tenant_id = ? AND topic_key = ?"
                    + " AND user_id = ?", rows)) {
                removed += Math.max(n, 0);
            }
        }
        Set<String> toAdd = new LinkedHashSet<>(add);
        toAdd.removeAll(subscribed(tenant, key, toAdd));
        if (!toAdd.isEmpty()) {
            Instant now = clock.instant();
            jdbc.batchUpdate("INSERT INTO topic_subscriber (tenant_id, topic_key, user_id, created_at)"
                            + " VALUES (?, ?, ?, ?)",
                    toAdd.stream().map(user -> new Object[]{tenant.value(), key, user, Sql.ts(now)}).toList());
        }
        return new SubscriberChange(toAdd.size(), removed);
    }

    private Set<String> subscribed(TenantId tenant, String key, Set<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(client.sql(dialect.byKeys("s.user_id", "topic_subscriber", "s",
                        "s.tenant_id = ? AND s.topic_key = ? AND s.user_id = wanted.id"))
                .params(Sql.keys(userIds), tenant.value(), key).query(String.class).list());
    }

    // The pages below order by every column of the index they walk, constant ones included: H2 then reads the index
    // in order and stops at the limit; ordered by the last column alone it reads every row after the cursor and sorts
    // (measured: a broadcast's walk of 500 from a cursor read all of the topic's 100,000 subscribers per chunk).
    @Override
    public SubscriberPage subscribers(TenantId tenant, String key, String afterUserId, int limit) {
        List<String> ids = afterUserId == null
                ? client.sql("SELECT user_id FROM topic_subscriber WHERE tenant_id = ? AND topic_key = ?"
                        + " ORDER BY tenant_id, topic_key, user_id LIMIT ?").params(tenant.value(), key, limit + 1)
                .query(String.class).list()
                : client.sql("SELECT user_id FROM topic_subscriber WHERE tenant_id = ? AND topic_key = ?"
                        + " AND user_id > ? ORDER BY tenant_id, topic_key, user_id LIMIT ?")
                .params(tenant.value(), key, afterUserId, limit + 1).query(String.class).list();
        boolean more = ids.size() > limit;
        List<String> page = more ? ids.subList(0, limit) : ids;
        return new SubscriberPage(page, more ? page.getLast() : null);
    }

    @Override
    public long lastPosition(TenantId tenant, String key) {
        return client.sql("SELECT COALESCE(MAX(seq), 0) FROM topic_subscriber WHERE tenant_id = ? AND topic_key = ?")
                .params(tenant.value(), key).query(Long.class).single();
    }

    @Override
    public long count(TenantId tenant, String key, long upTo) {
        return client.sql("SELECT COUNT(*) FROM topic_subscriber WHERE tenant_id = ? AND topic_key = ? AND seq <= ?")
                .params(tenant.value(), key, upTo).query(Long.class).single();
    }

    @Override
    public long countCapped(TenantId tenant, String key, long cap) {
        // The LIMIT inside stops the index range after cap rows; COUNT over the whole range would read them all.
        return client.sql("SELECT COUNT(*) FROM (SELECT 1 FROM topic_subscriber WHERE tenant_id = ? AND topic_key = ?"
                        + " LIMIT ?) capped")
                .params(tenant.value(), key, cap).query(Long.class).single();
    }

    @Override
    public List<Subscriber> walk(TenantId tenant, String key, long after, long upTo, int limit) {
        return client.sql("SELECT seq, user_id FROM topic_subscriber WHERE tenant_id = ? AND topic_key = ?"
                        + " AND seq > ? AND seq <= ? ORDER BY tenant_id, topic_key, seq LIMIT ?")
                .params(tenant.value(), key, after, upTo, limit)
                .query((rs, i) -> new Subscriber(rs.getLong("seq"), rs.getString("user_id"))).list();
    }
}
