package dev.herald.server.integrations;

import dev.herald.core.channel.Integration;
import dev.herald.core.channel.IntegrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Key rotation's second half: integrations sealed under an older key (one of
 * {@code herald.integrations.previous-keys}) are sealed again under the current key, at start-up, in pages. Once
 * it has run on one node the old key may be dropped from the configuration. A row whose key this node does not
 * know is left as it is and counted in the log line; a row written in between keeps what was written.
 */
public final class Resealing {
    private static final Logger LOG = LoggerFactory.getLogger(Resealing.class);
    private static final int PAGE = 100;

    private final IntegrationStore store;
    private final SecretSeal seal;
    private final Clock clock;

    public Resealing(IntegrationStore store, SecretSeal seal, Clock clock) {
        this.store = store;
        this.seal = seal;
        this.clock = clock;
    }

    /** Seals every row under an older key again; answers how many were resealed. */
    public int run() {
        int resealed = 0;
        Set<String> stuck = new HashSet<>();
        while (true) {
            List<Integration> page = store.sealedWithOtherKey(seal.currentKeyId(), PAGE + stuck.size());
            int before = resealed;
            for (Integration row : page) {
                String id = row.tenant().value() + "\u0000" + row.name();
                if (stuck.contains(id)) {
                    continue;
                }
                Optional<Map<String, String>> secrets = seal.open(row.tenant(), row.name(), row.secretsCiphertext(),
                        row.keyId());
                if (secrets.isEmpty()) {
                    stuck.add(id);
                    continue;
                }
                SecretSeal.Sealed sealed = seal.seal(row.tenant(), row.name(), secrets.get());
                if (store.reseal(row.resealed(sealed.ciphertext(), sealed.keyId(), clock.instant()), row.version())) {
                    resealed++;
                }
            }
            if (resealed == before) {
                break;
            }
        }
        if (resealed > 0) {
            LOG.info("Sealed {} integration(s) again under the current key {}", resealed, seal.currentKeyId());
        }
        if (!stuck.isEmpty()) {
            LOG.warn("{} integration(s) are sealed under a key this node does not know: add it to"
                    + " herald.integrations.previous-keys, or have the tenants put their credentials again",
                    stuck.size());
        }
        return resealed;
    }
}
