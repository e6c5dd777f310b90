package dev.herald.server.console;

import dev.herald.core.tenancy.Caller;
import dev.herald.server.security.ApiKeyFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Guards {@code /console/*}: a valid session cookie, not signed out, whose key still stands, or a redirect to the sign-in page (htmx
 * requests get {@code HX-Redirect}, which htmx follows with a full page load). Every request that is not a GET must
 * carry the session's CSRF token, as the {@value #CSRF_HEADER} header (htmx, set by console.js) or the
 * {@value #CSRF_PARAM} form field; otherwise 403 and nothing happens. The sign-in page has its own check
 * ({@link SignInController}). The caller is set where {@code CallerResolver} finds the API's, so console controllers
 * receive a {@link Caller} exactly as API controllers do.
 */
public final class ConsoleFilter extends OncePerRequestFilter {
    public static final String COOKIE = "herald_console";
    public static final String CSRF_HEADER = "X-Herald-CSRF";
    public static final String CSRF_PARAM = "_csrf";
    public static final String SESSION = ConsoleFilter.class.getName() + ".session";

    private final ConsoleSessions sessions;
    private final ConsoleCallers callers;

    public ConsoleFilter(ConsoleSessions sessions, ConsoleCallers callers) {
        this.sessions = sessions;
        this.callers = callers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/console/sign-in");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ConsoleSession> session = cookie(request, COOKIE).flatMap(sessions::verify);
        Optional<Caller> caller = session.flatMap(callers::of);
        if (caller.isEmpty()) {
            if (session.isPresent() || cookie(request, COOKIE).isPresent()) {
                response.addHeader("Set-Cookie", ConsoleCookies.cleared(COOKIE, request.isSecure()));
            }
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/console/sign-in");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else if ("GET".equals(request.getMethod())) {
                response.sendRedirect(request.getContextPath() + "/console/sign-in");
            } else {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            String given = request.getHeader(CSRF_HEADER);
            if (given == null) {
                given = request.getParameter(CSRF_PARAM);
            }
            if (!ConsoleSessions.csrfMatches(session.get(), given)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        }
        request.setAttribute(ApiKeyFilter.CALLER, caller.get());
        request.setAttribute(SESSION, session.get());
        // Pages show data of the tenant viewed: never kept by a browser or a proxy.
        response.setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }

    static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName())) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }
}
