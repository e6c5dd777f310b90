package dev.herald.server.config;

/** What the settings of every provider kind have: an optional name (recorded on each delivery) and guards. */
public interface ProviderSettings {
    /** Null or blank: the kind, or kind-n when the kind has several entries. */
    String name();

    ProvidersProperties.Guards guards();
}
