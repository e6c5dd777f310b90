package dev.herald.server.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * What every console answer carries, the sign-in page and the console's own scripts and styles included: scripts
 * only from Herald itself (htmx, Chart.js and console.js, never inline), no framing by other sites, no MIME
 * sniffing, no Referer to other sites. Inline styles and images over https stay allowed because an email's HTML,
 * shown in a sandboxed {@code srcdoc} frame on the sandbox and template pages, inherits this policy and is usually
 * styled inline and illustrated from a CDN; the frame may run no script whatever its HTML says.
 */
public final class ConsoleHeaders extends OncePerRequestFilter {
    public static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'; object-src 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }
}
