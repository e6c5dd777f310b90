package dev.herald.server.security;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.IssuedKey;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.clock.IdGenerator;
import dev.herald.server.config.HeraldProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;

/**
 * First start: creates the default tenant and an admin API key, prints the key once and keeps it in
 * {@code <data-dir>/admin-api-key}, readable by the owner only. Only the key's hash goes into the database,
 * and the key never goes through the logger.
 */
public final class AdminKeyBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminKeyBootstrap.class);
    static final String KEY_FILE = "admin-api-key";

    private final ApiKeyStore store;
    private final ApiKeys apiKeys;
    private final IdGenerator ids;
    private final Clock clock;
    private final HeraldProperties properties;

    public AdminKeyBootstrap(ApiKeyStore store, ApiKeys apiKeys, IdGenerator ids, Clock clock,
                             HeraldProperties properties) {
        this.store = store;
        this.apiKeys = apiKeys;
        this.ids = ids;
        this.clock = clock;
        this.properties = properties;
    }

    public void run() {
        TenantId tenant = TenantId.defaultTenant();
        store.ensureTenant(tenant, "Default tenant");
        String configured = properties.adminKey();
        if (configured != null && !configured.isBlank()) {
            if (store.findByHash(ApiKeys.hash(configured)).isEmpty()) {
                store.save(new ApiKey(ids.next(), tenant, "configured admin", ApiKeys.hash(configured),
                        Set.of(Scope.ADMIN), clock.instant()));
            }
            return;
        }
        if (store.hasAdminKey(tenant)) {
            LOG.info("Admin API key exists; read it again with: cat {}", keyFile());
            return;
        }
        IssuedKey issued = apiKeys.issue(tenant, "admin", Set.of(Scope.ADMIN));
        writeKeyFile(issued.secret());
        // Printed straight to the console, once, on purpose: an operator has to see it; log files must not.
        System.out.printf("%n  Herald admin API key (shown once; also saved in %s):%n%n    %s%n%n",
                keyFile(), issued.secret());
    }

    private Path keyFile() {
        return properties.dataDir().resolve(KEY_FILE).toAbsolutePath().normalize();
    }

    private void writeKeyFile(String secret) {
        Path file = keyFile();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin key to " + file
                    + ": make herald.data-dir point at a writable folder", e);
        }
    }
}
