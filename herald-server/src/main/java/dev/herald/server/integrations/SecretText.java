package dev.herald.server.integrations;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credentials as bytes for sealing: a count, then each key and value in modified UTF-8. Not JSON on purpose: no
 * parser sees the plaintext, and nothing in it can be mistaken for structure.
 */
final class SecretText {
    private SecretText() {
    }

    static byte[] write(Map<String, String> secrets) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(secrets.size());
            for (Map.Entry<String, String> e : secrets.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, String> read(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plain))) {
            int n = in.readInt();
            Map<String, String> secrets = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                secrets.put(in.readUTF(), in.readUTF());
            }
            return secrets;
        } catch (IOException e) {
            throw new IllegalArgumentException("sealed credentials are not in the expected form");
        }
    }
}
