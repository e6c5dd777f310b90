package dev.herald.server;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console over plain HTTP, as a browser without script would use it: sign in, then pages and form posts. */
final class ConsoleHttp {
    static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern SESSION_CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    ConsoleHttp(int port) {
        this.port = port;
    }

    /** A signed-in session: its cookie and the CSRF token its forms carry. */
    record Signed(String cookie, String csrf) {
    }

    /** A GET with the cookie (null: none); {@code headers} are name, value pairs. */
    HttpResponse<String> get(String path, String cookie, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), cookie, headers);
    }

    /** A form POST with the cookie (null: none); {@code headers} are name, value pairs. */
    HttpResponse<String> post(String path, String cookie, String form, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), cookie, headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String cookie, String... headers) throws Exception {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form with the session's cookie and CSRF token; {@code fields} are name, value pairs. */
    HttpResponse<String> submit(Signed session, String path, String... fields) throws Exception {
        StringBuilder form = new StringBuilder("_csrf=").append(enc(session.csrf()));
        for (int i = 0; i < fields.length; i += 2) {
            form.append('&').append(fields[i]).append('=').append(enc(fields[i + 1]));
        }
        return post(path, session.cookie(), form.toString());
    }

    /**
     * Follows a form's redirect as a browser would, with the cookies the redirect set (the flash message is kept
     * in a servlet session until the next page shows it).
     */
    HttpResponse<String> follow(HttpResponse<String> redirect, Signed session) throws Exception {
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        StringBuilder cookies = new StringBuilder(session.cookie());
        redirect.headers().allValues("Set-Cookie").forEach(c -> cookies.append("; ").append(c.split(";")[0]));
        return get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()),
                cookies.toString());
    }

    /** Posts the sign-in form with the key, as a browser that fetched the form first; the answer as it is. */
    HttpResponse<String> trySignIn(String key) throws Exception {
        HttpResponse<String> form = get("/console/sign-in", null);
        String formCookie = cookie(form, "herald_console_signin");
        return post("/console/sign-in", formCookie,
                "_csrf=" + enc(first(HIDDEN_CSRF, form.body())) + "&key=" + enc(key));
    }

    Signed signIn(String key) throws Exception {
        HttpResponse<String> signedIn = trySignIn(key);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = cookie(signedIn, "herald_console");
        HttpResponse<String> overview = get("/console", cookie);
        assertThat(overview.statusCode()).isEqualTo(200);
        return new Signed(cookie, first(SESSION_CSRF, overview.body()));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The cookie's name=value as the answer set it. */
    private static String cookie(HttpResponse<String> r, String name) {
        String set = setCookie(r, name);
        assertThat(set).as("Set-Cookie %s", name).isNotNull();
        return set.split(";")[0];
    }

    /** The whole Set-Cookie header of that name (with its attributes), or null when the answer set none. */
    static String setCookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElse(null);
    }

    static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("pattern %s in page", p).isTrue();
        return m.group(1);
    }
}
