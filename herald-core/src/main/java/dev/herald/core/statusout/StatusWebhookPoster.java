package dev.herald.core.statusout;

/** Posts one status event to one endpoint (signed, with a deadline) and says how the endpoint answered. */
public interface StatusWebhookPoster {
    Answer post(StatusWebhookCall call);

    sealed interface Answer {
        /** 2xx. */
        record Taken() implements Answer {
        }

        /** 410 Gone: the endpoint is to be disabled. */
        record Gone() implements Answer {
        }

        /** Anything else (other status, timeout, refused URL): tried again later; {@code reason} names no URL. */
        record Failed(String reason) implements Answer {
        }
    }
}
