package dev.herald.server.limits;

import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.tenancy.Caller;
import dev.herald.server.api.Problems;
import dev.herald.server.security.ApiKeyFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Requests per API key: every answer carries the RateLimit headers (limit, remaining, seconds to reset) so a client
 * can pace itself; a key over its budget gets 429 with {@code Retry-After}, and nothing is done for it. Runs after
 * the API-key filter, so it knows whose budget a request spends.
 */
public final class ApiKeyRateLimitFilter extends OncePerRequestFilter {
    private final RateLimiter limiter;
    private final Limit limit;
    private final Problems problems;

    public ApiKeyRateLimitFilter(RateLimiter limiter, Limit limit, Problems problems) {
        this.limiter = limiter;
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(ApiKeyFilter.CALLER) instanceof Caller caller)) {
            chain.doFilter(request, response);
            return;
        }
        RateLimiter.Decision decision = limiter.tryAcquire("api-key:" + caller.keyId(), limit);
        long resetSeconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        response.setHeader("RateLimit-Policy", limit.policy());
        response.setHeader("RateLimit-Limit", Long.toString(limit.capacity()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.allowed() ? 0 : resetSeconds));
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(resetSeconds));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                    "this API key may make " + limit.capacity() + " requests per " + limit.period().toSeconds()
                            + " s; retry after " + resetSeconds + " s", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}
