package dev.herald.server.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this node does ({@code herald.roles}, any of {@code api}, {@code worker}, {@code events}; all three by
 * default): an API node answers {@code /api/**}, a worker dispatches deliveries and does the housekeeping, an
 * events node consumes the bound Kafka topics. One artifact, scaled per role. Health and metrics are served by every
 * node whatever its roles. {@code herald.worker.enabled=false} still turns the worker off (the older switch).
 */
public record NodeRoles(Set<Role> roles) {
    public enum Role { API, WORKER, EVENTS }

    public NodeRoles {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    static NodeRoles of(HeraldProperties properties) {
        List<Role> configured = properties.roles();
        if (configured.isEmpty()) {
            throw new StartupProblem("herald.roles names no role, so this node would do nothing.",
                    "Give one or more of api, worker, events (e.g. --herald.roles=api), or remove the setting "
                            + "for all three.");
        }
        Set<Role> roles = EnumSet.copyOf(configured);
        if (!properties.worker().enabled()) {
            roles.remove(Role.WORKER);
        }
        return new NodeRoles(roles);
    }

    public boolean api() {
        return roles.contains(Role.API);
    }

    public boolean worker() {
        return roles.contains(Role.WORKER);
    }

    public boolean events() {
        return roles.contains(Role.EVENTS);
    }

    @Override
    public String toString() {
        return roles.isEmpty() ? "none"
                : roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
