package dev.herald.server.api;

import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.model.Channel;
import dev.herald.core.sandbox.CapturedMessage;
import dev.herald.core.sandbox.SandboxStore;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** What the sandbox providers captured instead of sending. */
@RestController
@RequestMapping("/api/v1/sandbox")
class SandboxController {
    private final SandboxStore sandbox;

    SandboxController(SandboxStore sandbox) {
        this.sandbox = sandbox;
    }

    record MessageView(UUID id, UUID deliveryId, String type, Channel channel, String to, String subject, String text,
                       String html, Instant capturedAt) {
        static MessageView of(CapturedMessage m) {
            return new MessageView(m.id(), m.deliveryId(), m.type(), m.channel(), m.to(), m.message().subject(),
                    m.message().text(), m.message().html(), m.capturedAt());
        }
    }

    record Messages(List<MessageView> items) {
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/messages")
    Messages messages(Caller caller, @RequestParam(required = false) String channel,
                      @RequestParam(required = false) String to, @RequestParam(defaultValue = "50") int limit) {
        ForbiddenException.require(caller, Scope.READ);
        if (limit < 1 || limit > 500) {
            throw InvalidRequestException.of("limit", "range", "must be between 1 and 500");
        }
        return new Messages(sandbox.list(caller.tenant(), channel(channel), to, limit).stream()
                .map(MessageView::of).toList());
    }

    private static Channel channel(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("channel", "unknown-value", "unknown channel '" + name
                    + "'; expected one of " + Arrays.toString(Channel.values()));
        }
    }
}
