package dev.herald.core.statusout;

import java.util.UUID;

/** One status event due at one endpoint; {@code id} is the Standard Webhooks {@code webhook-id}. */
public record StatusWebhookCall(UUID id, UUID endpointId, String url, String secret, StatusEvent event,
                                int attempt) {
}
