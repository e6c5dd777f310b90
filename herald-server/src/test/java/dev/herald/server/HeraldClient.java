package dev.herald.server;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a running Herald over real HTTP, as a product team's service would. */
public final class HeraldClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final String apiKey;

    public HeraldClient(int port, String apiKey) {
        this.base = "http://127.0.0.1:" + port;
        this.apiKey = apiKey;
    }

    public HeraldClient withKey(String otherKey) {
        return new HeraldClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
    }

    /** An answer read off a plain socket, for requests this client cannot send. */
    static Answer rawAnswer(int status, String contentType, String body) {
        JsonNode node = body == null || body.isBlank() ? null : JsonMapper.builder().build().readTree(body);
        return new Answer(status, contentType, node, null, body);
    }

    /** {@code raw} is null for an answer read off a plain socket; {@code text} is the body either way. */
    public record Answer(int status, String contentType, JsonNode body, HttpResponse<String> raw, String text) {
        public Answer(int status, String contentType, JsonNode body, HttpResponse<String> raw) {
            this(status, contentType, body, raw, raw == null ? null : raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Answer post(String path, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer put(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer patch(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            // Pages and plain-text answers (the unsubscribe link's) are read as text only.
            boolean text = contentType != null && (contentType.startsWith("text/html")
                    || contentType.startsWith("text/plain"));
            JsonNode node = body == null || body.isBlank() || text ? null : json.readTree(body);
            return new Answer(response.statusCode(), contentType, node, response);
        } catch (IOException e) {
            throw new IllegalStateException("request to Herald failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
