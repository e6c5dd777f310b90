package dev.herald.server.config;

import dev.herald.core.model.Channel;

/** Channel names as configuration keys spell them ({@code in-app}); an unknown one stops start-up naming its key. */
final class ConfiguredChannels {
    private ConfiguredChannels() {
    }

    static Channel parse(String key, String name) {
        return Channel.parse(name).orElseThrow(() -> new StartupProblem(key + " names no channel",
                "use one of " + Channel.allKeys()));
    }
}
