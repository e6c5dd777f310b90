package dev.herald.server.security;

import dev.herald.core.tenancy.UserToken;
import dev.herald.core.tenancy.UserTokens;
import dev.herald.server.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * The inbox endpoints are called from end users' browsers with a user token, never an API key. The token comes as
 * {@code Authorization: Bearer hu1...} or, on the stream only ({@code EventSource} cannot set headers), as
 * {@code ?token=}.
 * CORS preflights carry no credentials and pass through to the CORS handling.
 */
public final class InboxTokenFilter extends OncePerRequestFilter {
    public static final String USER = InboxTokenFilter.class.getName() + ".user";

    private final UserTokens tokens;
    private final Problems problems;

    public InboxTokenFilter(UserTokens tokens, Problems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        // Only the stream takes the token in the query (EventSource cannot set headers): anywhere else it would
        // end up in access logs and Referer headers for no reason.
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : isStream(request) ? request.getParameter("token") : null;
        Optional<UserToken> user = tokens.verify(token);
        if (user.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", token == null
                    ? "missing user token: send 'Authorization: Bearer <token>' or ?token=; get one from "
                    + "POST /api/v1/users/{userId}/inbox-token" : "invalid or expired user token",
                    request.getRequestURI());
            return;
        }
        request.setAttribute(USER, user.get());
        chain.doFilter(request, response);
    }

    private static boolean isStream(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/api/v1/inbox/stream");
    }
}
