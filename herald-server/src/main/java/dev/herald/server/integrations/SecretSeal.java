package dev.herald.server.integrations;

import dev.herald.core.model.TenantId;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seals integration credentials with AES-256-GCM (JDK {@code javax.crypto}): a fresh 96-bit random nonce per seal,
 * and the tenant and integration name as associated data, so a row copied to another tenant or name fails to open.
 * The sealed text is base64 of nonce and ciphertext with its tag; the key id is stored beside it. New seals use the
 * current key; a sealed text opens with whichever known key its id names, so keys rotate without downtime.
 */
public final class SecretSeal {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** One AES key and its id: {@code k} and the first 8 hex digits of the key's SHA-256. */
    public record Key(String id, byte[] bytes) {
        public static Key of(byte[] bytes) {
            if (bytes.length != 32) {
                throw new IllegalArgumentException("an integration key must be 32 bytes (base64 of 32 random bytes)");
            }
            return new Key("k" + fingerprint(bytes), bytes.clone());
        }
    }

    /** What was sealed: the text to store and the id of the key that sealed it. */
    public record Sealed(String ciphertext, String keyId) {
    }

    private final Key current;
    private final Map<String, Key> known = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param previous keys that only open old seals, until the rows are sealed again under {@code current} */
    public SecretSeal(Key current, List<Key> previous) {
        this.current = current;
        known.put(current.id(), current);
        previous.forEach(k -> known.putIfAbsent(k.id(), k));
    }

    public String currentKeyId() {
        return current.id();
    }

    public Sealed seal(TenantId tenant, String name, Map<String, String> secrets) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(current.bytes(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(tenant, name));
            byte[] sealed = cipher.doFinal(SecretText.write(secrets));
            return new Sealed(Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array()), current.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The credentials, or empty when the key is unknown here or the text does not open for this tenant and name. */
    public Optional<Map<String, String>> open(TenantId tenant, String name, String ciphertext, String keyId) {
        Key key = known.get(keyId);
        if (key == null || ciphertext == null) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getDecoder().decode(ciphertext);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.bytes(), "AES"),
                    new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(tenant, name));
            return Optional.of(SecretText.read(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * What the API shows instead of a credential: the first 8 hex digits of its SHA-256, enough to tell whether
     * the stored value is the one the caller has, nothing to recover it from (credentials are long random tokens).
     */
    public static String fingerprint(String value) {
        return fingerprint(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String fingerprint(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] associatedData(TenantId tenant, String name) {
        return ("herald-integration\u0000" + tenant.value() + "\u0000" + name).getBytes(StandardCharsets.UTF_8);
    }
}
