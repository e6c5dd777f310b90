package dev.herald.server.security;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.KeyOrigin;
import dev.herald.core.tenancy.PresentedKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.IssuedKey;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.config.DataFolder;
import dev.herald.server.config.HeraldProperties;
import dev.herald.server.config.StartupProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * First start: creates the default tenant and an admin API key, prints the key once and keeps it in
 * {@code <data-dir>/admin-api-key}, readable by the owner only; or installs {@code herald.admin-key}, revoking the
 * configured key it replaces. Only the key's hash goes into the database, and the key never goes through the logger.
 * These are the operator's keys: admin keys of the default tenant.
 */
public final class AdminKeyBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminKeyBootstrap.class);
    static final String KEY_FILE = "admin-api-key";

    private final ApiKeyStore store;
    private final ApiKeys apiKeys;
    private final Clock clock;
    private final HeraldProperties properties;

    public AdminKeyBootstrap(ApiKeyStore store, ApiKeys apiKeys, Clock clock,
                             HeraldProperties properties) {
        this.store = store;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.properties = properties;
    }

    public void run() {
        TenantId tenant = TenantId.defaultTenant();
        store.ensureTenant(tenant, "Default tenant");
        String configured = properties.adminKey();
        if (configured != null && !configured.isBlank()) {
            if (!configured.startsWith(ApiKeys.ANY_PREFIX) || configured.length() < 32 || configured.length() > 100) {
                throw new StartupProblem("herald.admin-key is not a usable API key.",
                        "Use 'hk_live_' followed by at least 24 random characters (at most 100 in all), "
                                + "or remove the setting to have Herald generate one.", null);
            }
            installConfigured(tenant, configured);
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
        // The file first (a node's own draft): if it cannot be written, nothing is stored and the next start tries
        // again. It becomes the key file only for the node whose key was stored.
        Path draft = createDraftFile();
        IssuedKey issued = apiKeys.prepare(tenant, "admin", Set.of(Scope.ADMIN), KeyOrigin.GENERATED, null);
        fill(draft, issued.secret());
        // Decided under a lock on the tenant's row: of two nodes starting at once, one makes the key.
        if (!store.saveIfNoAdminKey(issued.key())) {
            LOG.info("Another node made the admin API key at the same time; read it where that node keeps it");
            delete(draft);
            return;
        }
        install(draft);
        // Printed straight to the console, once, on purpose: an operator has to see it; log files must not.
        System.out.printf("%n  Herald admin API key (shown once; also saved in %s):%n%n    %s%n%n",
                keyFile(), issued.secret());
    }

    /**
     * The configured key is stored (once: the hash is unique, so two nodes starting together store it once), and a
     * configured key it replaces is revoked, so changing {@code herald.admin-key} rotates the operator's key.
     */
    private void installConfigured(TenantId tenant, String configured) {
        Optional<PresentedKey> known = store.findByHash(ApiKeys.hash(configured));
        if (known.isPresent() && known.get().revokedAt() != null) {
            throw new StartupProblem("herald.admin-key was revoked.",
                    "Set herald.admin-key to a new key ('hk_live_' and at least 24 random characters).", null);
        }
        if (known.isEmpty()) {
            try {
                store.save(apiKeys.describe(configured, tenant, "configured admin", Set.of(Scope.ADMIN),
                        KeyOrigin.CONFIGURED, null));
            } catch (DuplicateKeyException anotherNodeStoredIt) {
                // Two nodes starting with the same setting: one row is what both wanted.
            }
        }
        int revoked = store.revokeConfiguredExcept(tenant, ApiKeys.hash(configured), clock.instant());
        if (revoked > 0) {
            LOG.info("herald.admin-key changed: the previously configured admin key is revoked");
        }
    }

    private Path keyFile() {
        return properties.dataDir().resolve(KEY_FILE).toAbsolutePath().normalize();
    }

    private Path createDraftFile() {
        Path file = keyFile();
        Path draft = file.resolveSibling(KEY_FILE + "." + UUID.randomUUID() + ".draft");
        try {
            DataFolder.ensure(file.getParent());
            try {
                Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(draft);
            }
            return draft;
        } catch (IOException e) {
            throw new StartupProblem("Herald cannot write its admin key to " + file + " (" + e + ").",
                    "Point herald.data-dir at a folder this user can write, or set --herald.admin-key=hk_live_...", e);
        }
    }

    private void install(Path draft) {
        try {
            Files.move(draft, keyFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the admin key into " + keyFile(), e);
        }
    }

    private static void delete(Path draft) {
        try {
            Files.deleteIfExists(draft);
        } catch (IOException e) {
            LOG.warn("could not remove the unused {}: {}", draft, e.getClass().getSimpleName());
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
