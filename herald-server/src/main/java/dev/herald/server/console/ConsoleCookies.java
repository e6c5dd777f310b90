package dev.herald.server.console;

import org.springframework.http.ResponseCookie;

import java.time.Duration;

/** The console's cookies: HttpOnly, SameSite=Strict, path /console, Secure whenever the request came over TLS. */
final class ConsoleCookies {
    private ConsoleCookies() {
    }

    static String of(String name, String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(name, value).httpOnly(true).secure(secure).sameSite("Strict").path("/console")
                .maxAge(maxAge).build().toString();
    }

    static String cleared(String name, boolean secure) {
        return of(name, "", Duration.ZERO, secure);
    }
}
