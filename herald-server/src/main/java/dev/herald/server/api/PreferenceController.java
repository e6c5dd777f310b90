package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.UserPseudonyms;
import dev.herald.core.types.TypeName;
import dev.herald.core.request.Violations;
import dev.herald.core.model.Channel;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.audit.ChangeSummaries;
import dev.herald.server.security.ForbiddenException;
import dev.herald.server.types.CachedPreferences;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user's preferences: channels they never want, channels per notification type, and quiet hours (start and end
 * as {@code HH:mm}, a time zone defaulting to the user's). Critical types ignore the per-type choices and quiet
 * hours; a global opt-out always holds.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/preferences")
class PreferenceController {
    private static final Pattern HH_MM = Pattern.compile("^\\d{2}:\\d{2}$");
    private final CachedPreferences preferences;
    private final UserDirectory users;
    private final AddressRules addresses;
    private final Clock clock;
    private final AuditedChange audited;
    private final UserPseudonyms pseudonyms;

    PreferenceController(CachedPreferences preferences, UserDirectory users, AddressRules addresses, Clock clock,
                         AuditedChange audited, UserPseudonyms pseudonyms) {
        this.audited = audited;
        this.pseudonyms = pseudonyms;
        this.preferences = preferences;
        this.users = users;
        this.addresses = addresses;
        this.clock = clock;
    }

    record QuietHoursJson(String start, String end, String timeZone) {
    }

    record PreferencesJson(List<String> optedOut, Map<String, List<String>> channelsByType, QuietHoursJson quietHours) {
        static PreferencesJson of(Preferences p) {
            Map<String, List<String>> byType = new HashMap<>();
            p.channelsByType().forEach((type, set) -> byType.put(type, set.stream().map(Enum::name).sorted().toList()));
            return new PreferencesJson(p.optedOut().stream().map(Enum::name).sorted().toList(), byType,
                    p.quietStart() == null ? null : new QuietHoursJson(p.quietStart().toString(),
                            p.quietEnd().toString(), p.quietZone()));
        }
    }

    @RequiresScope(Scope.READ)
    @GetMapping
    PreferencesJson get(Caller caller, @PathVariable String userId) {
        ForbiddenException.require(caller, Scope.READ);
        requireUser(caller, userId);
        return PreferencesJson.of(preferences.find(caller.tenant(), userId).orElse(Preferences.none(userId)));
    }

    @RequiresScope(Scope.SEND)
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    PreferencesJson put(Caller caller, @PathVariable String userId, @RequestBody PreferencesJson body) {
        ForbiddenException.require(caller, Scope.SEND);
        Violations v = new Violations();
        Set<Channel> optedOut = channels(v, "optedOut", body.optedOut());
        Map<String, Set<Channel>> byType = new HashMap<>();
        if (body.channelsByType() != null) {
            if (body.channelsByType().size() > 200) {
                v.add("channelsByType", "max-items", "must name at most 200 types");
            }
            body.channelsByType().forEach((type, list) -> {
                if (!TypeName.isValid(type)) {
                    v.add("channelsByType", "format", "keys must be notification types like order.shipped");
                    return;
                }
                byType.put(type, channels(v, "channelsByType." + type, list));
            });
        }
        LocalTime start = null;
        LocalTime end = null;
        String zone = null;
        if (body.quietHours() != null) {
            start = time(v, "quietHours.start", body.quietHours().start());
            end = time(v, "quietHours.end", body.quietHours().end());
            zone = body.quietHours().timeZone();
            addresses.timeZone(v, "quietHours.timeZone", zone);
            if (start != null && start.equals(end)) {
                v.add("quietHours.end", "differs", "must differ from start (leave quietHours out for none)");
            }
        }
        v.throwIfAny();
        requireUser(caller, userId);
        Preferences saved = new Preferences(userId, optedOut, byType, start, end, zone, clock.instant());
        if (caller.scopes().contains(Scope.ADMIN)) {
            // An admin key changing a user's choices is an operator acting for the user: audited. A send key is the
            // product's backend passing on the user's own choice, which is not.
            String target = pseudonyms.of(caller.tenant(), userId);
            audited.run(caller, () -> {
                Preferences before = preferences.findStored(caller.tenant(), userId).orElse(Preferences.none(userId));
                preferences.put(caller.tenant(), saved);
                return before;
            }, before -> Audited.of(AuditAction.PREFERENCES_UPDATED, target,
                    ChangeSummaries.preferences(before, saved)));
            preferences.forget(caller.tenant(), userId);
        } else {
            preferences.put(caller.tenant(), saved);
        }
        return PreferencesJson.of(saved);
    }

    private static Set<Channel> channels(Violations v, String field, List<String> names) {
        Set<Channel> set = EnumSet.noneOf(Channel.class);
        if (names == null) {
            return set;
        }
        for (int i = 0; i < names.size(); i++) {
            Channel channel = Channel.parse(names.get(i)).orElse(null);
            if (channel == null) {
                v.add(field + "[" + i + "]", "unknown-value", "unknown channel '" + names.get(i) + "'");
            } else {
                set.add(channel);
            }
        }
        return set;
    }

    private static LocalTime time(Violations v, String field, String value) {
        if (!v.required(field, value)) {
            return null;
        }
        if (!HH_MM.matcher(value).matches()) {
            v.add(field, "format", "must be a time like 22:00");
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            v.add(field, "format", "must be a time like 22:00");
            return null;
        }
    }

    private void requireUser(Caller caller, String userId) {
        if (users.find(caller.tenant(), userId).isEmpty()) {
            throw new NotFoundException("no user '" + userId + "'");
        }
    }
}
