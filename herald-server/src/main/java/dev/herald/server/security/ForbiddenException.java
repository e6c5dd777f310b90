package dev.herald.server.security;

import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;

/** The key is valid but lacks the scope the endpoint needs. */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(Scope scope) {
        super("this API key lacks the '" + scope.name().toLowerCase() + "' scope");
    }

    private ForbiddenException(String message) {
        super(message);
    }

    /** Only the operator's key: an admin key of the default tenant, the installation's own. */
    public static void requireOperator(Caller caller) {
        require(caller, Scope.ADMIN);
        if (!caller.operator()) {
            throw new ForbiddenException("only the operator's key may do this (an admin key of the default tenant)");
        }
    }

    public static void require(Caller caller, Scope scope) {
        if (!caller.may(scope)) {
            throw new ForbiddenException(scope);
        }
    }
}
