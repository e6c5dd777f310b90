package dev.herald.core.recipients;

import dev.herald.core.request.Violations;

/** Checks a user before it is written to the directory. */
public final class UserRules {
    private final AddressRules addresses;

    public UserRules(AddressRules addresses) {
        this.addresses = addresses;
    }

    public void validate(String userId, User user) {
        Violations v = new Violations();
        addresses.userId(v, "userId", userId);
        addresses.email(v, "email", user.email());
        addresses.phone(v, "phone", user.phone());
        addresses.url(v, "slack", user.slack());
        addresses.locale(v, "locale", user.locale());
        addresses.timeZone(v, "timeZone", user.timeZone());
        v.throwIfAny();
    }
}
