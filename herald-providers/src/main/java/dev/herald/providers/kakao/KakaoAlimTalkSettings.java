package dev.herald.providers.kakao;

import dev.herald.providers.http.HttpSettings;

import java.util.Map;
import java.util.Objects;

/**
 * An AlimTalk sender on an NHN Cloud style BizMessage gateway: the app key and secret key of the gateway project,
 * the Kakao channel's sender key, and the approved template code to use for each notification type (AlimTalk only
 * carries messages that match a template Kakao reviewed in advance).
 */
public record KakaoAlimTalkSettings(String name, String baseUrl, String appKey, String secretKey, String senderKey,
                                    Map<String, String> templateCodes, HttpSettings http) {
    public static final String DEFAULT_BASE_URL = "https://api-alimtalk.cloud.toast.com";

    public KakaoAlimTalkSettings {
        name = isBlank(name) ? "kakao-alimtalk" : name;
        baseUrl = isBlank(baseUrl) ? DEFAULT_BASE_URL : baseUrl;
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        requireText(appKey, "appKey");
        requireText(secretKey, "secretKey");
        requireText(senderKey, "senderKey");
        templateCodes = templateCodes == null ? Map.of() : Map.copyOf(templateCodes);
        http = http == null ? HttpSettings.defaults() : http;
    }

    /** Keeps the secret key out of logs that print the settings. */
    @Override
    public String toString() {
        return "KakaoAlimTalkSettings[name=" + name + ", baseUrl=" + baseUrl + ", appKey=" + appKey
                + ", secretKey=***, senderKey=" + senderKey + ", templateCodes=" + templateCodes + ", http=" + http + "]";
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(isBlank(value) ? null : value, "Kakao AlimTalk " + field + " is required");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
