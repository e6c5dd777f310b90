package dev.herald.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Caller;
import dev.herald.server.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code /api/} call must carry {@code Authorization: Bearer <api key>}; the key decides the tenant.
 * Successful look-ups are cached briefly so authentication costs no database read on the hot path.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
    public static final String CALLER = ApiKeyFilter.class.getName() + ".caller";

    private final ApiKeys apiKeys;
    private final Problems problems;
    private final Cache<String, Caller> cache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    public ApiKeyFilter(ApiKeys apiKeys, Problems problems) {
        this.apiKeys = apiKeys;
        this.problems = problems;
    }

    /**
     * The inbox (user tokens) and provider callbacks (signatures) authenticate differently. The servlet path is
     * the decoded, normalised path, the same one the URL patterns of their own filters are matched against.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/api/v1/inbox") || path.startsWith("/api/v1/inbox/")
                || path.startsWith("/api/v1/callbacks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            refuse(request, response, "missing API key: send 'Authorization: Bearer <key>'");
            return;
        }
        String key = header.substring(7).trim();
        Optional<Caller> caller = Optional.ofNullable(cache.getIfPresent(key));
        if (caller.isEmpty()) {
            caller = apiKeys.authenticate(key);
            caller.ifPresent(c -> cache.put(key, c));
        }
        if (caller.isEmpty()) {
            refuse(request, response, "unknown or revoked API key");
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail,
                request.getRequestURI());
    }
}
