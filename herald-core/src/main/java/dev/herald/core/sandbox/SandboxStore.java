package dev.herald.core.sandbox;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

import java.util.List;

/** Port: what the sandbox providers captured, newest first. */
public interface SandboxStore {
    void capture(CapturedMessage message);

    /** @param channel null for every channel; @param to null for every address */
    List<CapturedMessage> list(TenantId tenant, Channel channel, String to, int limit);
}
