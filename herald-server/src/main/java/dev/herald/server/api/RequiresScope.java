package dev.herald.server.api;

import dev.herald.core.tenancy.Scope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API-key scope an endpoint needs, as the API description shows it ({@code x-scope}). The handler still checks
 * it with {@code ForbiddenException.require}, where the order of checks (body errors before 403) is decided.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {
    Scope value();

    /** Only the operator's key (an admin key of the default tenant) may call it, as {@code x-operator} shows. */
    boolean operator() default false;
}
