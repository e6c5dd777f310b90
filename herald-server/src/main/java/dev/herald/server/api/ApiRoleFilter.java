package dev.herald.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * On a node without the {@code api} role (a worker or events node behind no load balancer route), {@code /api/**}
 * (and the console, {@code /console/**}) answers 404 naming the reason, before any key is looked up: such a node must not take traffic a misrouted client
 * sends it, and saying why saves the operator a search. Health and metrics stay served.
 */
public final class ApiRoleFilter extends OncePerRequestFilter {
    private final Problems problems;

    public ApiRoleFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(response, HttpStatus.NOT_FOUND, "not-an-api-node", "Not an API node",
                "this node does not serve the API (herald.roles has no 'api'); send requests to an API node",
                request.getRequestURI());
    }
}
