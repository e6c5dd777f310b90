package dev.herald.providers.fcm;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Locale;

/**
 * What an FCM error answer says: the Google API {@code status} (INVALID_ARGUMENT, ...) and FCM's own
 * {@code errorCode} from the {@code FcmError} detail (UNREGISTERED, ...), which is the more precise of the two and
 * falls back to the status when absent. {@code message} is kept only to recognise an invalid token; it is never
 * recorded, because Google's messages can quote the offending field's value.
 */
record FcmError(String status, String errorCode, String message) {
    private static final String FCM_ERROR_TYPE = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

    static FcmError read(JsonMapper json, String body) {
        JsonNode error;
        try {
            error = body == null || body.isBlank() ? null : json.readTree(body).path("error");
        } catch (JacksonException notJson) {
            error = null;
        }
        if (error == null || !error.isObject()) {
            return new FcmError("", "", "");
        }
        String status = text(error.path("status"));
        String errorCode = "";
        for (JsonNode detail : error.path("details").values()) {
            if (FCM_ERROR_TYPE.equals(text(detail.path("@type")))) {
                errorCode = text(detail.path("errorCode"));
            }
        }
        return new FcmError(status, errorCode.isEmpty() ? status : errorCode, text(error.path("message")));
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : "";
    }

    boolean is(String code) {
        return code.equals(errorCode);
    }

    /** FCM answers a malformed or foreign token with INVALID_ARGUMENT and says so only in the message. */
    boolean saysTokenIsInvalid() {
        String text = message.toLowerCase(Locale.ROOT);
        return is("INVALID_ARGUMENT") && text.contains("registration token")
                && (text.contains("not a valid") || text.contains("invalid"));
    }

    /** FCM throttles one device ("Device message rate exceeded") apart from the project's own quota. */
    boolean saysDeviceRateExceeded() {
        return is("QUOTA_EXCEEDED") && message.toLowerCase(Locale.ROOT).contains("device message rate");
    }

    /** The code to quote in a reason: FCM's error code, else the status, else nothing known. */
    String label() {
        return errorCode.isEmpty() ? "error" : errorCode;
    }
}
