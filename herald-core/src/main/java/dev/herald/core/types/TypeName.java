package dev.herald.core.types;

import java.util.regex.Pattern;

/** The one rule for a notification type's name, wherever a name comes in (requests, events, rules, templates). */
public final class TypeName {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$");

    private TypeName() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
