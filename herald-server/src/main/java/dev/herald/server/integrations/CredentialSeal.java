package dev.herald.server.integrations;

import dev.herald.core.channel.IntegrationStore;
import dev.herald.server.config.IntegrationsProperties;
import dev.herald.server.config.StartupProblem;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The seal for integration credentials, when this installation has a key ({@link SealingKeys}); without one,
 * integrations are off and the API says so rather than storing credentials it could not protect.
 */
public final class CredentialSeal {
    private final SecretSeal seal;

    public CredentialSeal(Optional<SecretSeal> seal) {
        this.seal = seal.orElse(null);
    }

    /**
     * Start-up: the key ({@link SealingKeys}), the refusal to run a shared database whose stored credentials no
     * key could open, and the resealing of rows under older keys ({@link Resealing}).
     */
    public static CredentialSeal atStartup(IntegrationsProperties properties, Path dataDir, boolean sharedDatabase,
                                           IntegrationStore store, Clock clock) {
        Optional<SecretSeal> seal = SealingKeys.load(properties, dataDir, sharedDatabase);
        if (seal.isEmpty()) {
            if (store.anyStored()) {
                throw new StartupProblem("Tenants' integrations are stored, but herald.integrations.encryption-key"
                        + " is not set: their credentials cannot be read.", "Set herald.integrations.encryption-key"
                        + " (or encryption-key-file) to the key the integrations were sealed with, the same on every"
                        + " node.");
            }
            return new CredentialSeal(seal);
        }
        new Resealing(store, seal.get(), clock).run();
        return new CredentialSeal(seal);
    }

    public Optional<SecretSeal> available() {
        return Optional.ofNullable(seal);
    }

    /** The seal, or {@link IntegrationsOffException} naming the setting the operator has to give. */
    public SecretSeal require() {
        if (seal == null) {
            throw new IntegrationsOffException();
        }
        return seal;
    }

    /** Integrations are off on this installation: a shared database and no configured key. */
    public static final class IntegrationsOffException extends RuntimeException {
        IntegrationsOffException() {
            super("tenant integrations are off on this installation: the operator has to set"
                    + " herald.integrations.encryption-key (or encryption-key-file) on every node");
        }
    }
}
