package dev.herald.server.security;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.IssuedKey;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.clock.IdGenerator;
import dev.herald.server.config.DataFolder;
import dev.herald.server.config.HeraldProperties;
import dev.herald.server.config.StartupProblem;
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
            if (!configured.startsWith("hk_") || configured.length() < 32 || configured.length() > 100) {
                throw new StartupProblem("herald.admin-key is not a usable API key.",
                        "Use 'hk_' followed by at least 29 random characters (at most 100 in all), "
                                + "or remove the setting to have Herald generate one.", null);
            }
            if (store.findByHash(ApiKeys.hash(configured)).isEmpty()) {
                store.save(new ApiKey(ids.next(), tenant, "configured admin", ApiKeys.hash(configured),
                        Set.of(Scope.ADMIN), clock.instant()));
            }
            return;
        }
        if (store.hasAdminKey(tenant)) {
            if (Files.exists(keyFile())) {
                LOG.info("Admin API key exists; read it again with: cat {}", keyFile());
            } else {
                LOG.warn("An admin API key exists but {} is gone; install a new one with --herald.admin-key=hk_...",
                        keyFile());
            }
            return;
        }
        // The file first: if it cannot be written, nothing is stored and the next start tries again.
        Path file = createKeyFile();
        IssuedKey issued = apiKeys.issue(tenant, "admin", Set.of(Scope.ADMIN));
        fill(file, issued.secret());
        // Printed straight to the console, once, on purpose: an operator has to see it; log files must not.
        System.out.printf("%n  Herald admin API key (shown once; also saved in %s):%n%n    %s%n%n",
                keyFile(), issued.secret());
    }

    private Path keyFile() {
        return properties.dataDir().resolve(KEY_FILE).toAbsolutePath().normalize();
    }

    private Path createKeyFile() {
        Path file = keyFile();
        try {
            DataFolder.ensure(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            return file;
        } catch (IOException e) {
            throw new StartupProblem("Herald cannot write its admin key to " + file + " (" + e + ").",
                    "Point herald.data-dir at a folder this user can write, or set --herald.admin-key=hk_...", e);
        }
    }

    private static void fill(Path file, String secret) {
        try {
            Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin key to " + file, e);
        }
    }
}
