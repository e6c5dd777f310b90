package dev.herald.core.preferences;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

/** Opt-outs read from the users' stored preferences (one read per send): a user with none has opted out of nothing. */
public final class StoredOptOuts implements OptOuts {
    private final PreferenceStore preferences;

    public StoredOptOuts(PreferenceStore preferences) {
        this.preferences = preferences;
    }

    @Override
    public boolean optedOut(TenantId tenant, String userId, String type, Channel channel, boolean typeChoices) {
        return preferences.find(tenant, userId)
                .map(p -> typeChoices ? p.declines(type, channel) : p.optedOut().contains(channel)).orElse(false);
    }
}
