package dev.herald.providers.push;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a push service's key (an FCM service-account JSON, an APNs {@code .p8} key, a PEM of trusted certificates)
 * comes from: a file on the server's disk, as the installation configures it, or the text itself, as a tenant gives
 * it through the API (sealed at rest, never on disk). Both are read by the same loading code through {@link #open()}.
 */
public sealed interface KeySource {

    /** The key's bytes, to be read once and closed. */
    InputStream open() throws IOException;

    /** Names where the key came from in a message: the file's path, or the setting that held the text (never the text). */
    String describe();

    static KeySource file(Path path) {
        return path == null ? null : new FromFile(path);
    }

    /** @param setting the setting that held the text, named in messages instead of the text */
    static KeySource inline(String setting, String text) {
        return text == null || text.isBlank() ? null : new Inline(setting, text);
    }

    record FromFile(Path path) implements KeySource {
        public FromFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    record Inline(String setting, String text) implements KeySource {
        public Inline {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String describe() {
            return "given in " + setting;
        }

        /** The text is a key: it never appears in a log line or an exception through this record. */
        @Override
        public String toString() {
            return "Inline[" + setting + "]";
        }
    }
}
