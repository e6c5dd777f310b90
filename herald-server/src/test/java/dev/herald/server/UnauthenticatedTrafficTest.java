package dev.herald.server;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.limits.Limit;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.ListedKey;
import dev.herald.core.tenancy.PresentedKey;
import dev.herald.server.security.AccessVersion;
import dev.herald.server.security.CachedKeys;
import dev.herald.server.security.KeyUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.server.api.Problems;
import dev.herald.server.limits.BucketRateLimiter;
import dev.herald.server.security.ApiKeyFilter;
import dev.herald.server.security.FailedAuthentications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests without a valid key cost little: a repeated wrong key is not looked up again, and a flood is cut off. */
class UnauthenticatedTrafficTest extends EmbeddedHeraldTest {
    @Autowired
    JdbcStores stores;
    @Autowired
    IdGenerator ids;
    @Autowired
    Clock clock;
    @Autowired
    Problems problems;

    /** The real key store, counting how often it is asked for a key. */
    private static final class CountingKeys implements ApiKeyStore {
        private final ApiKeyStore store;
        final AtomicInteger lookUps = new AtomicInteger();

        CountingKeys(ApiKeyStore store) {
            this.store = store;
        }

        @Override
        public void ensureTenant(TenantId tenant, String name) {
            store.ensureTenant(tenant, name);
        }

        @Override
        public void save(ApiKey key) {
            store.save(key);
        }

        @Override
        public Optional<PresentedKey> findByHash(String keyHash) {
            lookUps.incrementAndGet();
            return store.findByHash(keyHash);
        }

        @Override
        public boolean hasAdminKey(TenantId tenant) {
            return store.hasAdminKey(tenant);
        }

        @Override
        public boolean saveIfNoAdminKey(ApiKey key) {
            return store.saveIfNoAdminKey(key);
        }

        @Override
        public List<ListedKey> list(TenantId tenant, int max) {
            return store.list(tenant, max);
        }

        @Override
        public Optional<ApiKey> find(TenantId tenant, UUID id) {
            return store.find(tenant, id);
        }

        @Override
        public boolean revoke(TenantId tenant, UUID id, Instant at) {
            return store.revoke(tenant, id, at);
        }

        @Override
        public int revokeConfiguredExcept(TenantId tenant, String keyHash, Instant at) {
            return store.revokeConfiguredExcept(tenant, keyHash, at);
        }

        @Override
        public void recordUse(Map<UUID, Instant> lastUsed) {
            store.recordUse(lastUsed);
        }

        @Override
        public long accessVersion() {
            return store.accessVersion();
        }
    }

    private static MockHttpServletResponse call(ApiKeyFilter filter, String key) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/notifications");
        request.addHeader("Authorization", "Bearer " + key);
        request.setRemoteAddr("192.0.2.10");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aFloodOfOneWrongKeyCostsOneLookUp() throws Exception {
        CountingKeys keys = new CountingKeys(stores.apiKeys());
        FailedAuthentications failures = new FailedAuthentications(new BucketRateLimiter(clock, 100),
                new Limit(1_000, Duration.ofMinutes(1)), Duration.ofMinutes(5), clock);
        ApiKeyFilter filter = new ApiKeyFilter(new CachedKeys(new ApiKeys(keys, ids, clock),
                new AccessVersion(keys::accessVersion, Duration.ofSeconds(1)), clock), stores.tenants(),
                new KeyUsage(keys, clock, Duration.ofSeconds(10)), problems, failures);

        for (int i = 0; i < 50; i++) {
            assertThat(call(filter, "hk_a-wrong-key-tried-over-and-over").getStatus()).isEqualTo(401);
        }
        assertThat(call(filter, ADMIN_KEY).getStatus()).isEqualTo(200);
        assertThat(call(filter, ADMIN_KEY).getStatus()).isEqualTo(200);

        assertThat(keys.lookUps.get()).as("store look-ups: one for the wrong key, one for the right one").isEqualTo(2);
    }

    @Test
    void anAddressThatKeepsFailingGets429WithRetryAfter() throws Exception {
        // Its own source address (all of 127/8 is this machine), so other tests' 401s do not share its budget.
        HttpClient fromElsewhere = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.23")).build();
        HttpResponse<String> answer = null;
        int tries = 0;
        while (tries < 200) {
            tries++;
            answer = fromElsewhere.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/notifications?userId=ann")).header("Authorization", "Bearer hk_guess-" + tries)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 401) {
                break;
            }
        }

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(tries).as("failures allowed before the cut-off").isGreaterThan(1);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(answer.body()).contains("urn:herald:problem:too-many-failed-authentications");
        // Another address is not affected.
        Answer elsewhere = herald.withKey("hk_guess-from-the-usual-address").get("/api/v1/notifications?userId=ann");
        assertThat(elsewhere.status()).isEqualTo(401);
    }
}
