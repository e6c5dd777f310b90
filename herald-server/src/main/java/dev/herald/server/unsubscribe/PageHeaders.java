package dev.herald.server.unsubscribe;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What every answer under {@code /u/} carries: the path holds a credential, so no page is cached, indexed, framed
 * or sends a Referer that would carry the link elsewhere; the page runs no script and loads only its own style.
 */
final class PageHeaders {
    static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private PageHeaders() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }
}
