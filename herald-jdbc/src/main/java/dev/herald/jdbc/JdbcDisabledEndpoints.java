package dev.herald.jdbc;

import dev.herald.core.channel.DisabledEndpoints;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook endpoints that answered 410 Gone, kept across restarts so Herald does not call them again. Keyed by the
 * URL's SHA-256 because URLs can be longer than an index allows. A disabled endpoint is cached per node; an
 * {@link #enable} on another node is seen here after a restart.
 */
public final class JdbcDisabledEndpoints implements DisabledEndpoints {
    private final JdbcClient client;
    // Only disabled endpoints are remembered (few, and each costs its owner a fix); an enabled one is a primary-key
    // read per send, so unique inline URLs cannot grow this map.
    private final Map<String, Disabled> disabled = new ConcurrentHashMap<>();

    public JdbcDisabledEndpoints(JdbcTemplate jdbc) {
        this.client = JdbcClient.create(jdbc);
    }

    @Override
    public Optional<Disabled> find(String url) {
        Disabled known = disabled.get(url);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Disabled> stored = client.sql("SELECT reason, disabled_at FROM disabled_endpoint WHERE url_hash = ?")
                .param(hash(url)).query((rs, i) -> new Disabled(rs.getString("reason"), Sql.instant(rs, "disabled_at")))
                .optional();
        stored.ifPresent(e -> disabled.put(url, e));
        return stored;
    }

    @Override
    public void disable(String url, String reason, Instant at) {
        try {
            client.sql("INSERT INTO disabled_endpoint (url_hash, url, reason, disabled_at) VALUES (?, ?, ?, ?)")
                    .params(hash(url), url, StorableText.of(reason, 1000), Sql.ts(at))
                    .update();
        } catch (DuplicateKeyException already) {
            // Disabled by an earlier 410; the first date is the one worth keeping.
        }
        disabled.remove(url);
    }

    @Override
    public List<Listed> list(int limit) {
        return client.sql("SELECT url, reason, disabled_at FROM disabled_endpoint ORDER BY disabled_at DESC LIMIT ?")
                .param(limit)
                .query((rs, i) -> new Listed(rs.getString("url"), rs.getString("reason"),
                        Sql.instant(rs, "disabled_at")))
                .list();
    }

    @Override
    public boolean enable(String url) {
        disabled.remove(url);
        return client.sql("DELETE FROM disabled_endpoint WHERE url_hash = ?").param(hash(url)).update() > 0;
    }

    private static String hash(String url) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(url.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
