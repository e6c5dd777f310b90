package dev.herald.providers.httpsms;

import dev.herald.providers.http.HttpSettings;
import tools.jackson.core.JsonPointer;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A generic HTTP SMS gateway: where to POST, an optional auth header ({@code Authorization: Bearer x},
 * {@code X-Api-Key: y}), the JSON body as a template whose string values may hold {@code {{to}}}, {@code {{text}}},
 * {@code {{from}}} and {@code {{id}}} (the delivery id), the sender put in {@code {{from}}}, and an optional JSON
 * pointer to the gateway's message id in its answer (without one, the delivery id is recorded).
 */
public record HttpSmsGatewaySettings(String name, URI url, String authHeaderName, String authHeaderValue,
                                     Map<String, Object> bodyTemplate, String from, String messageIdPointer,
                                     HttpSettings http) {
    /** Without a configured shape, the common minimum: recipient, text and our id for the gateway's dedup. */
    public static final Map<String, Object> DEFAULT_BODY = Map.of("to", "{{to}}", "text", "{{text}}", "id", "{{id}}");

    public HttpSmsGatewaySettings {
        name = isBlank(name) ? "http-sms" : name;
        Objects.requireNonNull(url, "HTTP SMS gateway url is required");
        if (isBlank(authHeaderName) != isBlank(authHeaderValue)) {
            throw new IllegalArgumentException("HTTP SMS gateway auth header needs both a name and a value");
        }
        authHeaderName = isBlank(authHeaderName) ? null : authHeaderName;
        authHeaderValue = isBlank(authHeaderValue) ? null : authHeaderValue;
        bodyTemplate = bodyTemplate == null || bodyTemplate.isEmpty() ? DEFAULT_BODY : bodyTemplate;
        from = isBlank(from) ? "" : from;
        if (isBlank(messageIdPointer)) {
            messageIdPointer = null;
        } else {
            JsonPointer.compile(messageIdPointer); // a typo in configuration fails at start-up, not at every send
        }
        http = http == null ? HttpSettings.defaults() : http;
    }

    /** Keeps the auth header's value (a key or token) out of logs that print the settings. */
    @Override
    public String toString() {
        return "HttpSmsGatewaySettings[name=" + name + ", url=" + url + ", authHeaderName=" + authHeaderName
                + ", authHeaderValue=" + (authHeaderValue == null ? null : "***") + ", bodyTemplate=" + bodyTemplate
                + ", from=" + from + ", messageIdPointer=" + messageIdPointer + ", http=" + http + "]";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
