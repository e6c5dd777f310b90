package dev.herald.core.recipients;

import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.Violations;
import dev.herald.core.model.TenantId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.preferences.Preferences;

/** Turns what the caller named into recipients with addresses, looking users up in one round trip. */
public final class RecipientResolver {
    private final UserDirectory directory;
    private final DeviceRegistry devices;
    private final PreferenceStore preferences;

    public RecipientResolver(UserDirectory directory, DeviceRegistry devices) {
        this(directory, devices, null);
    }

    public RecipientResolver(UserDirectory directory, DeviceRegistry devices,
                             PreferenceStore preferences) {
        this.directory = directory;
        this.devices = devices;
        this.preferences = preferences;
    }

    /**
     * @param wantsPush whether any delivery goes to push, so the device registry is read only when it matters
     */
    public List<Recipient> resolve(TenantId tenant, List<RecipientSpec> specs, boolean wantsPush) {
        List<String> userIds = specs.stream().map(RecipientSpec::userId).filter(Objects::nonNull).distinct().toList();
        Map<String, User> users = userIds.isEmpty() ? Map.of() : directory.findAll(tenant, userIds);
        Map<String, List<Device>> registered = !wantsPush || userIds.isEmpty()
                ? Map.of() : devices.devicesOf(tenant, userIds);
        Map<String, Preferences> chosen = preferences == null || userIds.isEmpty()
                ? Map.of() : preferences.findAll(tenant, userIds);
        Violations v = new Violations();
        List<Recipient> resolved = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            RecipientSpec spec = specs.get(i);
            User user = null;
            if (spec.userId() != null) {
                user = users.get(spec.userId());
                if (user == null) {
                    v.add("recipients[" + i + "].userId", "unknown-user",
                            "no user '" + spec.userId() + "' in the directory; create it with PUT /api/v1/users/{userId}");
                    continue;
                }
            }
            resolved.add(new Recipient(spec.userId(),
                    first(spec.email(), user == null ? null : user.email()),
                    first(spec.phone(), user == null ? null : user.phone()),
                    pushAddresses(spec, spec.userId() == null ? List.of()
                            : registered.getOrDefault(spec.userId(), List.of())),
                    first(spec.slack(), user == null ? null : user.slack()), spec.webhookUrl(),
                    user == null ? null : user.locale(), user == null ? null : user.timeZone(),
                    spec.userId() == null ? null : chosen.get(spec.userId())));
        }
        v.throwIfAny();
        return resolved;
    }

    /** An inline token replaces the registered devices for this notification, as inline addresses do. */
    private static List<String> pushAddresses(RecipientSpec spec, List<Device> registered) {
        if (spec.pushToken() != null) {
            return PushAddress.parse(spec.pushToken()).map(a -> List.of(a.toString())).orElse(List.of());
        }
        return registered.stream().map(d -> d.address().toString()).toList();
    }

    private static String first(String inline, String fromDirectory) {
        return inline != null ? inline : fromDirectory;
    }
}
