package dev.herald.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Tenants' own providers ({@code herald.integrations}).
 *
 * @param encryptionKey          base64 of 32 random bytes: the AES-256 key that seals integration credentials
 * @param encryptionKeyFile      a file holding that base64 key instead (a mounted secret); one of the two
 * @param previousKeys           keys that sealed rows before a rotation: they still open them, and start-up seals
 *                               those rows again with the current key
 * @param allowInternalAddresses let tenants' hosts resolve to loopback or private addresses (test peers only)
 * @param refresh                how long a node uses what it read of a tenant's integrations before reading again
 *                               (writes through this node take effect at once)
 */
@ConfigurationProperties("herald.integrations")
public record IntegrationsProperties(String encryptionKey,
                                     Path encryptionKeyFile,
                                     List<String> previousKeys,
                                     @DefaultValue("false") boolean allowInternalAddresses,
                                     @DefaultValue("10s") Duration refresh,
                                     @DefaultValue("20") int maxPerTenant) {
    public IntegrationsProperties {
        previousKeys = previousKeys == null ? List.of() : previousKeys;
    }
}
