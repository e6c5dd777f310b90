package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.AddressKind;
import dev.herald.core.model.TenantId;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.Suppression;
import dev.herald.core.suppression.SuppressionFilter;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.suppression.SuppressionPage;
import dev.herald.core.suppression.SuppressionReason;
import dev.herald.core.suppression.SuppressionSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The suppression list in {@code suppression}. An entry's id is time-ordered (the listing's order and cursor); the
 * key is (tenant, address, kind), so a second add of the same address loses the insert and keeps the first entry.
 */
public final class JdbcSuppressionList implements SuppressionList {
    private static final String COLUMNS = "id, address, address_kind, reason, source, delivery_id, created_at";
    private static final String QUALIFIED = Arrays.stream(COLUMNS.split(", ")).map(c -> "s." + c)
            .collect(Collectors.joining(", "));

    private final JdbcClient client;
    private final SqlDialect dialect;
    private final TransactionTemplate tx;
    private final IdGenerator ids;

    public JdbcSuppressionList(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, IdGenerator ids) {
        this.dialect = dialect;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
        this.ids = ids;
    }

    @Override
    public boolean add(TenantId tenant, Suppression entry) {
        SuppressedAddress a = entry.address();
        try {
            return Boolean.TRUE.equals(tx.execute(status -> {
                boolean known = client.sql("SELECT COUNT(*) FROM suppression WHERE tenant_id = ? AND address = ?"
                                + " AND address_kind = ?")
                        .params(tenant.value(), a.address(), a.kind().name()).query(Long.class).single() > 0;
                if (known) {
                    return false;
                }
                client.sql("INSERT INTO suppression (" + COLUMNS + ", tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(ids.next(), a.address(), a.kind().name(), entry.reason().name(),
                                entry.source().value(), entry.deliveryId(), Sql.ts(entry.createdAt()), tenant.value())
                        .update();
                return true;
            }));
        } catch (DuplicateKeyException raced) {
            // The same event processed on two nodes at once: the other insert stands.
            return false;
        }
    }

    @Override
    public boolean remove(TenantId tenant, SuppressedAddress address) {
        return client.sql("DELETE FROM suppression WHERE tenant_id = ? AND address = ? AND address_kind = ?")
                .params(tenant.value(), address.address(), address.kind().name()).update() > 0;
    }

    @Override
    public Optional<Suppression> find(TenantId tenant, SuppressedAddress address) {
        return client.sql("SELECT " + COLUMNS + " FROM suppression WHERE tenant_id = ? AND address = ?"
                        + " AND address_kind = ?")
                .params(tenant.value(), address.address(), address.kind().name())
                .query(JdbcSuppressionList::entry).optional();
    }

    @Override
    public Map<SuppressedAddress, Suppression> findAll(TenantId tenant, Collection<SuppressedAddress> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        if (addresses.size() > MAX_LOOKUP) {
            throw new IllegalArgumentException("at most " + MAX_LOOKUP + " addresses per lookup");
        }
        List<String> texts = addresses.stream().map(SuppressedAddress::address).toList();
        Map<SuppressedAddress, Suppression> found = new HashMap<>();
        // The kind is matched here rather than in SQL: the text alone almost always decides, and the join stays one
        // index probe per address.
        for (Suppression s : client.sql(dialect.byKeys(QUALIFIED, "suppression", "s",
                        "s.tenant_id = ? AND s.address = wanted.id")).params(Sql.keys(texts), tenant.value())
                .query(JdbcSuppressionList::entry).list()) {
            if (addresses.contains(s.address())) {
                found.put(s.address(), s);
            }
        }
        return found;
    }

    @Override
    public SuppressionPage list(TenantId tenant, SuppressionFilter filter, int limit, UUID after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM suppression WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (filter.reason() != null) {
            sql.append(" AND reason = ?");
            params.add(filter.reason().name());
        }
        if (filter.address() != null) {
            sql.append(" AND address = ? AND address_kind = ?");
            params.add(filter.address().address());
            params.add(filter.address().kind().name());
        }
        if (after != null) {
            sql.append(" AND id < ?");
            params.add(after);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit + 1);
        List<Row> rows = client.sql(sql.toString()).params(params)
                .query((rs, i) -> new Row(Sql.uuid(rs, "id"), entry(rs, i))).list();
        boolean more = rows.size() > limit;
        List<Row> page = more ? rows.subList(0, limit) : rows;
        return new SuppressionPage(page.stream().map(Row::entry).toList(), more ? page.getLast().id() : null);
    }

    private record Row(UUID id, Suppression entry) {
    }

    private static Suppression entry(ResultSet rs, int row) throws SQLException {
        return new Suppression(new SuppressedAddress(AddressKind.valueOf(rs.getString("address_kind")),
                rs.getString("address")), SuppressionReason.valueOf(rs.getString("reason")),
                SuppressionSource.of(rs.getString("source")), Sql.instant(rs, "created_at"),
                Sql.uuid(rs, "delivery_id"));
    }
}
