package dev.herald.core.dedup;

import dev.herald.core.model.ClaimedDelivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import dev.herald.core.model.CanonicalText;

/**
 * SHA-256 over what makes two messages the same to the person getting them: tenant, channel, address, the
 * rendered text (subject, body, HTML) and the structured data. Each part is length-prefixed so no two different
 * messages can collide by shifting text from one part into the next.
 */
public final class ContentHash {
    private ContentHash() {
    }

    public static String of(ClaimedDelivery d) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // The data too: a webhook, a Kakao template or a push deep link differs in its data, not its text.
            String data = d.message().data().isEmpty() ? null : CanonicalText.of(
                    d.message().data());
            for (String part : new String[]{d.tenant().value(), d.channel().name(), d.address(),
                    d.message().subject(), d.message().text(), d.message().html(), data}) {
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                sha.update((part == null ? "-1" : Integer.toString(bytes.length)).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
