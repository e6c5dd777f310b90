package dev.herald.server.unsubscribe;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.audit.UserPseudonyms;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.unsubscribe.UnsubscribeToken;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.audit.ChangeSummaries;
import dev.herald.server.types.CachedPreferences;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The changes a user makes through an unsubscribe link, each audited in the same transaction as the change. No API
 * key is behind them: the entry's key id is empty and its summary starts with the actor
 * ({@code actor=unsubscribe-link} for the one-click POST, {@code actor=preference-page} for the page), the user
 * named by pseudonym as every preference entry is.
 */
public final class LinkChanges {
    /** How the audit log names a one-click unsubscribe. */
    public static final String ONE_CLICK_ACTOR = "unsubscribe-link";
    /** How the audit log names a save on the hosted preference page. */
    public static final String PAGE_ACTOR = "preference-page";

    private final CachedPreferences preferences;
    private final AuditedChange audited;
    private final UserPseudonyms pseudonyms;
    private final Clock clock;

    public LinkChanges(CachedPreferences preferences, AuditedChange audited, UserPseudonyms pseudonyms, Clock clock) {
        this.preferences = preferences;
        this.audited = audited;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** The user's stored choices now (none yet: nothing chosen). */
    public Preferences current(UnsubscribeToken token) {
        return preferences.findStored(token.tenant(), token.userId()).orElse(Preferences.none(token.userId()));
    }

    /**
     * Opts the token's user out of its type on its channel. Idempotent: a second POST finds the choice made, writes
     * nothing and records nothing. Returns whether this call changed something.
     */
    public boolean unsubscribe(UnsubscribeToken token) {
        String target = "user:" + pseudonyms.of(token.tenant(), token.userId());
        Optional<Preferences> changed = audited.run(caller(token), () -> {
            Preferences before = current(token);
            if (before.declines(token.type(), token.channel())) {
                return Optional.<Preferences>empty();
            }
            Preferences after = before.declining(token.type(), token.channel(), clock.instant());
            preferences.put(token.tenant(), after);
            return Optional.of(after);
        }, after -> after.isEmpty() ? Audited.NOTHING : Audited.of(AuditAction.PREFERENCES_UNSUBSCRIBED, target,
                AuditSummary.of("actor", ONE_CLICK_ACTOR).and("type", token.type()).and("channel", token.channel())));
        // After the commit, so no reader loads the old row back into a cache (see AuditedChange).
        preferences.forget(token.tenant(), token.userId());
        return changed.isPresent();
    }

    /** Stores what the user saved on the page; records the entry only when something changed. */
    public void save(UnsubscribeToken token, Preferences after) {
        String target = "user:" + pseudonyms.of(token.tenant(), token.userId());
        audited.run(caller(token), () -> {
            Preferences before = current(token);
            preferences.put(token.tenant(), after);
            return before;
        }, before -> {
            String summary = ChangeSummaries.preferences(before, after);
            return summary.isEmpty() ? Audited.NOTHING : Audited.of(AuditAction.PREFERENCES_UPDATED, target,
                    AuditSummary.of("actor", PAGE_ACTOR) + ", " + summary);
        });
        preferences.forget(token.tenant(), token.userId());
    }

    /** The user acting through their link: their tenant, no key, no scopes. */
    private static Caller caller(UnsubscribeToken token) {
        return new Caller(token.tenant(), null, Set.of(), false, null);
    }
}
