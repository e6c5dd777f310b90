package dev.herald.server.integrations;

import dev.herald.core.channel.Integration;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** An integration's clear settings read back from their JSON text. */
public final class OpenedIntegration {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private OpenedIntegration() {
    }

    public static Map<String, Object> settings(Integration integration) {
        return JSON.readValue(integration.settingsJson(), MAP);
    }

    public static String json(Map<String, Object> settings) {
        return JSON.writeValueAsString(settings);
    }
}
