package dev.herald.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings that hold credentials never print them (a start-up failure or a debugger may log a record's text). */
class ProvidersPropertiesTest {
    private static final String SECRET = "s3cret-never-printed";

    @Test
    void recordsWithCredentialsPrintNoCredential() {
        var http = new ProvidersProperties.Http(null, null);
        List<Object> settings = List.of(
                new ProvidersProperties.Smtp("mail", "smtp.example.com", 587, "user", SECRET, "a@b", true, null, null,
                        null, null, null),
                new ProvidersProperties.Twilio("tw", null, "AC1", SECRET, "+1", null, http, null),
                new ProvidersProperties.HttpSms("gw", "https://gw", "Authorization", SECRET, Map.of(), null, null, http,
                        null),
                new ProvidersProperties.Kakao("kk", null, SECRET, SECRET, "sender", Map.of(), http, null),
                new ProvidersProperties.Fcm("fcm", null, "project", Path.of("/k.json"), SECRET, null, http, null),
                new ProvidersProperties.Apns("apns", "api.push.apple.com", 443, "app", null, SECRET, "team", "key",
                        null, SECRET, http, null),
                new ProvidersProperties.Webhook("hook", "https://hooks", SECRET, SECRET, false, List.of(), false, false,
                        http, null));
        settings.forEach(s -> assertThat(s.toString()).doesNotContain(SECRET).contains("hidden"));
    }
}
