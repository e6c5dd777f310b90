package dev.herald.providers.twilio;

import dev.herald.providers.http.HttpSettings;

import java.util.Objects;

/**
 * One Twilio account as an SMS carrier. Messages go out either from {@code fromNumber} or, when
 * {@code messagingServiceSid} is set, through that Messaging Service (which picks the sender itself).
 * {@code statusCallbackBaseUrl} is Herald's public base URL; when set, Twilio posts delivery receipts to
 * {@code /api/v1/callbacks/twilio} under it.
 */
public record TwilioSettings(String name, String baseUrl, String accountSid, String authToken, String fromNumber,
                             String messagingServiceSid, String statusCallbackBaseUrl, HttpSettings http) {
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    public TwilioSettings {
        name = blankToNull(name) == null ? "twilio" : name;
        baseUrl = stripTrailingSlash(blankToNull(baseUrl) == null ? DEFAULT_BASE_URL : baseUrl);
        Objects.requireNonNull(blankToNull(accountSid), "Twilio accountSid is required");
        Objects.requireNonNull(blankToNull(authToken), "Twilio authToken is required");
        fromNumber = blankToNull(fromNumber);
        messagingServiceSid = blankToNull(messagingServiceSid);
        if (fromNumber == null && messagingServiceSid == null) {
            throw new IllegalArgumentException("Twilio needs a fromNumber or a messagingServiceSid");
        }
        statusCallbackBaseUrl = blankToNull(statusCallbackBaseUrl) == null ? null : stripTrailingSlash(statusCallbackBaseUrl);
        http = http == null ? HttpSettings.defaults() : http;
    }

    /** Keeps the auth token out of logs and error messages that print the settings. */
    @Override
    public String toString() {
        return "TwilioSettings[name=" + name + ", baseUrl=" + baseUrl + ", accountSid=" + accountSid
                + ", authToken=***, fromNumber=" + fromNumber + ", messagingServiceSid=" + messagingServiceSid
                + ", statusCallbackBaseUrl=" + statusCallbackBaseUrl + ", http=" + http + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
