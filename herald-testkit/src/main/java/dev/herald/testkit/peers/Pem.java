package dev.herald.testkit.peers;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text for keys and certificates made at test time. */
final class Pem {
    private Pem() {
    }

    static String of(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
