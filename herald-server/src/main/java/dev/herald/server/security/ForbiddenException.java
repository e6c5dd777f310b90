package dev.herald.server.security;

import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;

/** The key is valid but lacks the scope the endpoint needs. */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(Scope scope) {
        super("this API key lacks the '" + scope.name().toLowerCase() + "' scope");
    }

    public static void require(Caller caller, Scope scope) {
        if (!caller.may(scope)) {
            throw new ForbiddenException(scope);
        }
    }
}
