package dev.herald.server.unsubscribe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The preference page's Korean bundle says everything the English one does, with the same placeholders. */
class PreferenceBundlesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    @Test
    void everyEnglishTextHasAKoreanOneAndNoKoreanTextIsLeftOver() throws IOException {
        Properties english = load("i18n/preferences.properties");
        Properties korean = load("i18n/preferences_ko.properties");

        assertThat(new TreeSet<>(korean.stringPropertyNames())).as("keys of preferences_ko.properties")
                .containsExactlyElementsOf(new TreeSet<>(english.stringPropertyNames()));
    }

    @Test
    void bothSayTheSamePlaceholdersAndNoKoreanTextIsEmpty() throws IOException {
        Properties english = load("i18n/preferences.properties");
        Properties korean = load("i18n/preferences_ko.properties");
        for (String key : english.stringPropertyNames()) {
            String ko = korean.getProperty(key, "");
            assertThat(placeholders(ko)).as("placeholders of %s", key)
                    .isEqualTo(placeholders(english.getProperty(key)));
            assertThat(ko).as(key).isNotBlank();
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = PreferenceBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
