package dev.herald.server.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups the API description by area of the API (the path's first segment after {@code /api/v1/}), in the order a
 * newcomer meets them, instead of by controller class ("user-controller"): a reader looks for "Users", and a new
 * controller under an existing path joins its area without an annotation. An area not named here is still listed,
 * under its segment, after the named ones.
 */
final class ApiAreas implements OpenApiCustomizer {
    private static final String PREFIX = "/api/v1/";
    private static final Map<String, String> AREAS = areas();

    private static Map<String, String> areas() {
        Map<String, String> areas = new LinkedHashMap<>();
        areas.put("notifications", "Notifications");
        areas.put("events", "Business events");
        areas.put("users", "Users, devices and preferences");
        areas.put("inbox", "In-app inbox");
        areas.put("types", "Notification types");
        areas.put("templates", "Templates");
        areas.put("topics", "Topics and broadcasts");
        areas.put("broadcasts", "Topics and broadcasts");
        areas.put("dashboard", "Dashboard");
        areas.put("sandbox", "Sandbox");
        areas.put("tenants", "Tenants");
        areas.put("api-keys", "API keys");
        areas.put("integrations", "Tenants' own providers");
        areas.put("status-webhooks", "Status webhooks");
        areas.put("suppressions", "Suppression list");
        areas.put("inbound", "Provider events settings");
        areas.put("audit", "Audit log");
        areas.put("admin", "Administration");
        areas.put("callbacks", "Provider callbacks");
        return areas;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        Set<String> used = new LinkedHashSet<>();
        api.getPaths().forEach((path, item) -> {
            String area = area(path);
            used.add(area);
            item.readOperations().forEach(operation -> operation.setTags(List.of(area)));
        });
        List<Tag> tags = new ArrayList<>();
        AREAS.values().stream().distinct().filter(used::contains).forEach(name -> tags.add(new Tag().name(name)));
        used.stream().filter(name -> !AREAS.containsValue(name)).sorted().forEach(name -> tags.add(new Tag().name(name)));
        api.setTags(tags);
    }

    static String area(String path) {
        if (!path.startsWith(PREFIX)) {
            return "Other";
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String segment = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        return AREAS.getOrDefault(segment, segment);
    }
}
