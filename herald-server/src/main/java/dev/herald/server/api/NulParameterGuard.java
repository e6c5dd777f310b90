package dev.herald.server.api;

import dev.herald.core.request.Violations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Refuses a NUL in any query parameter or path variable before a controller runs, naming it: PostgreSQL cannot
 * store or even compare text holding one, so it would otherwise surface as a 500 from the database.
 */
public final class NulParameterGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Violations v = new Violations();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> v.noNul(String.valueOf(name), String.valueOf(value)));
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (!v.noNul(parameter.getKey(), parameter.getKey())) {
                continue;
            }
            for (String value : parameter.getValue()) {
                if (!v.noNul(parameter.getKey(), value)) {
                    break;
                }
            }
        }
        v.throwIfAny();
        return true;
    }
}
