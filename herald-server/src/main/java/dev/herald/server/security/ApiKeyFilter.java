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
 * Successful look-ups are cached briefly so authentication costs no database read on the hot path; failures
 * are made cheap by {@link FailedAuthentications} (unknown keys remembered, 429 for an address that keeps failing).
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
    public static final String CALLER = ApiKeyFilter.class.getName() + ".caller";

    private final ApiKeys apiKeys;
    private final Problems problems;
    private final FailedAuthentications failures;
    private final Cache<String, Caller> cache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    public ApiKeyFilter(ApiKeys apiKeys, Problems problems, FailedAuthentications failures) {
        this.apiKeys = apiKeys;
        this.problems = problems;
        this.failures = failures;
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
        String key = header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) ? null
                : header.substring(7).trim();
        Caller cached = key == null ? null : cache.getIfPresent(key);
        if (cached != null) {
            request.setAttribute(CALLER, cached);
            chain.doFilter(request, response);
            return;
        }
        // An address over its budget of failures gets no look-up at all until it has waited.
        Optional<Duration> blocked = failures.blocked(request.getRemoteAddr());
        if (blocked.isPresent()) {
            tooMany(request, response, blocked.get());
            return;
        }
        if (key == null) {
            refuse(request, response, "missing API key: send 'Authorization: Bearer <key>'");
            return;
        }
        Optional<Caller> caller = failures.isKnownUnknown(key) ? Optional.empty() : apiKeys.authenticate(key);
        if (caller.isEmpty()) {
            failures.rememberUnknown(key);
            refuse(request, response, "unknown or revoked API key");
            return;
        }
        cache.put(key, caller.get());
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        Optional<Duration> over = failures.failed(request.getRemoteAddr());
        if (over.isPresent()) {
            tooMany(request, response, over.get());
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail,
                request.getRequestURI());
    }

    private void tooMany(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-authentications",
                "Too many failed authentications", "this client address failed to authenticate more than "
                        + failures.limit().capacity() + " times per " + failures.limit().period().toSeconds()
                        + " s; retry after " + seconds + " s", request.getRequestURI());
    }
}
