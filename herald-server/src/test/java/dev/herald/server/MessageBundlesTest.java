package dev.herald.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

/**
 * Each Korean bundle (the console's, the hosted preference page's) says everything its English one does, with the
 * same placeholders.
 */
class MessageBundlesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"console", "preferences"})
    void everyEnglishTextHasAKoreanOneAndNoKoreanTextIsLeftOver(String bundle) throws IOException {
        Properties english = load("i18n/" + bundle + ".properties");
        Properties korean = load("i18n/" + bundle + "_ko.properties");

        assertThat(new TreeSet<>(korean.stringPropertyNames())).as("keys of %s_ko.properties", bundle)
                .containsExactlyElementsOf(new TreeSet<>(english.stringPropertyNames()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"console", "preferences"})
    void bothSayTheSamePlaceholdersAndNoKoreanTextIsEmpty(String bundle) throws IOException {
        Properties english = load("i18n/" + bundle + ".properties");
        Properties korean = load("i18n/" + bundle + "_ko.properties");
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
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
