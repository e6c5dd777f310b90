package dev.herald.server.integrations;

import dev.herald.server.config.DataFolder;
import dev.herald.server.config.IntegrationsProperties;
import dev.herald.server.config.StartupProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where the key that seals integration credentials comes from: {@code herald.integrations.encryption-key}, else
 * {@code encryption-key-file}, else, for the embedded default (one node, its own H2 file), a key generated once
 * into {@code <data-dir>/integrations-key} (owner-only, like the admin key file). A shared database
 * ({@code spring.datasource.url} set) gets no generated key, since each node would make its own: without a
 * configured key integrations are off there, and start-up refuses when integrations are already stored.
 */
public final class SealingKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SealingKeys.class);
    static final String KEY_FILE = "integrations-key";

    private SealingKeys() {
    }

    /** The seal, or empty when integrations are off (a shared database without a configured key). */
    public static Optional<SecretSeal> load(IntegrationsProperties properties, Path dataDir, boolean sharedDatabase) {
        List<SecretSeal.Key> previous = new ArrayList<>();
        for (int i = 0; i < properties.previousKeys().size(); i++) {
            previous.add(parse(properties.previousKeys().get(i), "herald.integrations.previous-keys[" + i + "]"));
        }
        if (properties.encryptionKey() != null && !properties.encryptionKey().isBlank()) {
            return Optional.of(new SecretSeal(parse(properties.encryptionKey(), "herald.integrations.encryption-key"),
                    previous));
        }
        if (properties.encryptionKeyFile() != null) {
            Path file = properties.encryptionKeyFile();
            try {
                return Optional.of(new SecretSeal(parse(Files.readString(file, StandardCharsets.UTF_8),
                        "herald.integrations.encryption-key-file"), previous));
            } catch (IOException e) {
                throw new StartupProblem("herald.integrations.encryption-key-file " + file + " cannot be read ("
                        + e.getClass().getSimpleName() + ").", "Point it at a readable file holding base64 of 32"
                        + " random bytes (openssl rand -base64 32).", null);
            }
        }
        if (sharedDatabase) {
            return Optional.empty();
        }
        return Optional.of(new SecretSeal(generated(dataDir.resolve(KEY_FILE).toAbsolutePath().normalize()),
                previous));
    }

    private static SecretSeal.Key generated(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
            DataFolder.ensure(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + System.lineSeparator(),
                    StandardCharsets.UTF_8);
            LOG.info("Generated the key that seals tenants' integration credentials in {}; back it up with the"
                    + " database (without it stored credentials cannot be read)", file);
            return SecretSeal.Key.of(key);
        } catch (IOException e) {
            throw new StartupProblem("Herald cannot write its integrations key to " + file + " ("
                    + e.getClass().getSimpleName() + ").", "Point herald.data-dir at a folder this user can write,"
                    + " or set herald.integrations.encryption-key", e);
        }
    }

    private static SecretSeal.Key parse(String base64, String setting) {
        try {
            return SecretSeal.Key.of(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(setting + " is not base64 of 32 bytes.",
                    "Generate a key with: openssl rand -base64 32", null);
        }
    }
}
