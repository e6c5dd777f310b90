package dev.herald.server.api;

import dev.herald.core.request.Violations;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque cursor every list endpoint answers with as {@code nextCursor} and reads back as {@code cursor}: the
 * last item's id, base64url without padding, so callers treat it as a token rather than build one. Raw UUIDs,
 * which the inbox and dead-letter lists answered with before, are still read.
 */
final class PageCursor {
    private static final int UUID_TEXT = 36;

    private PageCursor() {
    }

    /** The cursor for the page after {@code lastId}, or null when there is no next page. */
    static String encode(UUID lastId) {
        if (lastId == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(lastId.getMostSignificantBits())
                .putLong(lastId.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The id a cursor points after, or null when none was given; a malformed one is reported on {@code cursor}. */
    static UUID decode(Violations v, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            if (cursor.length() == UUID_TEXT) {
                return UUID.fromString(cursor);
            }
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
            if (bytes.remaining() == 16) {
                return new UUID(bytes.getLong(), bytes.getLong());
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        v.add("cursor", "format", "is not a cursor this API returned");
        return null;
    }

    /** The cursor for the page after the item with this text key (a tenant id), or null when there is none. */
    static String encodeText(String lastKey) {
        return lastKey == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("t:" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The text key a cursor points after, or null when none was given; a malformed one is reported on {@code cursor}. */
    static String decodeText(Violations v, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("t:")) {
                return text.substring(2);
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        v.add("cursor", "format", "is not a cursor this API returned");
        return null;
    }
}
