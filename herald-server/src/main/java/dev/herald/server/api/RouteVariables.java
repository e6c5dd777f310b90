package dev.herald.server.api;

import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Names the route variable a raw request path fills with a NUL. Tomcat refuses such a path before Spring routes
 * it, so the error report asks the controllers' own patterns which variable the bad segment stands for.
 */
public final class RouteVariables {
    private final Supplier<RequestMappingHandlerMapping> mapping;

    public RouteVariables(Supplier<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    /** The first variable, of the first route matching {@code rawPath}, whose decoded value holds a NUL. */
    public Optional<String> holdingNul(String rawPath) {
        RequestMappingHandlerMapping routes;
        try {
            routes = mapping.get();
        } catch (RuntimeException unavailable) {
            // The application is starting or stopping: no routes to ask, the answer names the path instead.
            return Optional.empty();
        }
        if (rawPath == null || routes == null) {
            return Optional.empty();
        }
        PathContainer path;
        try {
            path = PathContainer.parsePath(rawPath);
        } catch (IllegalArgumentException unparseable) {
            return Optional.empty();
        }
        for (RequestMappingInfo route : routes.getHandlerMethods().keySet()) {
            if (route.getPathPatternsCondition() == null) {
                continue;
            }
            for (PathPattern pattern : route.getPathPatternsCondition().getPatterns()) {
                PathPattern.PathMatchInfo match = pattern.matchAndExtract(path);
                if (match == null) {
                    continue;
                }
                for (Map.Entry<String, String> variable : match.getUriVariables().entrySet()) {
                    if (variable.getValue().indexOf('\0') >= 0) {
                        return Optional.of(variable.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }

}
