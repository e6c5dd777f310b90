package dev.herald.server.security;

import dev.herald.core.tenancy.UserToken;

import dev.herald.core.tenancy.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands controllers the authenticated {@link Caller} (or inbox {@link UserToken}), so every handler receives its tenant explicitly. */
public final class CallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class || parameter.getParameterType() == UserToken.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        if (parameter.getParameterType() == UserToken.class) {
            Object user = request.getAttribute(InboxTokenFilter.USER, RequestAttributes.SCOPE_REQUEST);
            if (user == null) {
                throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "missing user token");
            }
            return user;
        }
        Object caller = request.getAttribute(ApiKeyFilter.CALLER, RequestAttributes.SCOPE_REQUEST);
        if (caller == null) {
            // Only reachable by a path the API-key filter did not see; refuse rather than serve it unauthenticated.
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "missing API key");
        }
        return caller;
    }
}
