package dev.herald.core.sandbox;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/** A message the sandbox provider caught instead of sending: exactly what a real provider would have got. */
public record CapturedMessage(UUID id, TenantId tenant, UUID deliveryId, String type, Channel channel, String to,
                              Message message, Instant capturedAt) {
}
