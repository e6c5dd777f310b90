package dev.herald.server.security;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Authentication;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.TenantStore;
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
 * Every {@code /api/} call must carry {@code Authorization: Bearer <api key>}; the key decides the tenant, except that
 * the operator's key may name another tenant in {@value #ACTING_FOR} to act for it. Checked keys are cached
 * ({@link CachedKeys}) so authentication costs no database read on the hot path; failures are made cheap by
 * {@link FailedAuthentications} (unknown keys remembered, 429 for an address that keeps failing). A key of a
 * suspended tenant gets 403.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
    public static final String CALLER = ApiKeyFilter.class.getName() + ".caller";
    /** The header with which the operator's key acts for another tenant. */
    public static final String ACTING_FOR = "Herald-Tenant";

    private final CachedKeys keys;
    private final TenantStore tenants;
    private final KeyUsage usage;
    private final Problems problems;
    private final FailedAuthentications failures;

    public ApiKeyFilter(CachedKeys keys, TenantStore tenants, KeyUsage usage, Problems problems,
                        FailedAuthentications failures) {
        this.keys = keys;
        this.tenants = tenants;
        this.usage = usage;
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
        Optional<Authentication> cached = key == null ? Optional.empty() : keys.cached(key);
        Authentication result;
        if (cached.isPresent()) {
            result = cached.get();
        } else {
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
            result = failures.isKnownUnknown(key) ? new Authentication.Refused("unknown or revoked API key")
                    : keys.authenticate(key);
            if (result instanceof Authentication.Refused) {
                failures.rememberUnknown(key);
            }
        }
        switch (result) {
            case Authentication.Refused refused -> refuse(request, response, refused.reason());
            case Authentication.Suspended suspended -> problems.write(response, HttpStatus.FORBIDDEN,
                    "tenant-suspended", "Forbidden", "this API key's tenant is suspended; its operator can resume it",
                    request.getRequestURI());
            case Authentication.Accepted accepted -> {
                Optional<Caller> caller = actingFor(accepted.caller(), request, response);
                if (caller.isPresent()) {
                    usage.used(accepted.caller().keyId());
                    request.setAttribute(CALLER, caller.get());
                    chain.doFilter(request, response);
                }
            }
        }
    }

    /** The caller, or the tenant the operator names in {@value #ACTING_FOR}; empty once a problem was answered. */
    private Optional<Caller> actingFor(Caller caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String named = request.getHeader(ACTING_FOR);
        if (named == null) {
            return Optional.of(caller);
        }
        if (!caller.operator()) {
            // Refused rather than ignored: a caller who sends it expects to act elsewhere, not on its own tenant.
            problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "only the operator's key may act for another tenant with " + ACTING_FOR, request.getRequestURI());
            return Optional.empty();
        }
        Optional<TenantId> tenant = TenantId.isWellFormedNewId(named) || TenantId.DEFAULT_VALUE.equals(named)
                ? Optional.of(new TenantId(named)) : Optional.empty();
        if (tenant.isEmpty() || tenants.find(tenant.get()).isEmpty()) {
            problems.write(response, HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "no tenant with the id given in " + ACTING_FOR, request.getRequestURI());
            return Optional.empty();
        }
        return Optional.of(caller.actingFor(tenant.get()));
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
