package dev.herald.server.console;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Authentication;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.tenancy.SignedOutSessions;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.server.security.AccessChanges;
import dev.herald.server.security.FailedAuthentications;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Signing in with an API key (a read key sees, an admin key acts), signing out, and the operator switching tenants.
 * The key is checked once and then forgotten: the browser gets only the signed session cookie. Signing out records
 * the session as signed out ({@link SignedOutSessions}), so the cookie is refused on every node even where a copy of
 * it survives; like signing in, it changes no tenant data and is not audited. The sign-in form has no
 * session yet, so its CSRF check is a double submit: a random value in a SameSite=Strict cookie and in the form.
 */
@Controller
class SignInController {
    static final String SIGN_IN_COOKIE = "herald_console_signin";
    private static final Duration SIGN_IN_FORM_LIFE = Duration.ofHours(1);

    private final ApiKeys keys;
    private final FailedAuthentications failures;
    private final ConsoleSessions sessions;
    private final TenantStore tenants;
    private final SignedOutSessions signedOut;
    private final AccessChanges accessChanges;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignInController(ApiKeys keys, FailedAuthentications failures, ConsoleSessions sessions, TenantStore tenants,
                     SignedOutSessions signedOut, AccessChanges accessChanges, Clock clock) {
        this.keys = keys;
        this.failures = failures;
        this.sessions = sessions;
        this.tenants = tenants;
        this.signedOut = signedOut;
        this.accessChanges = accessChanges;
        this.clock = clock;
    }

    @GetMapping("/console/sign-in")
    String form(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(request, response, model, null, HttpServletResponse.SC_OK);
    }

    @PostMapping("/console/sign-in")
    String signIn(@RequestParam(name = "key", required = false) String key,
                  @RequestParam(name = ConsoleFilter.CSRF_PARAM, required = false) String csrf,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> expected = ConsoleFilter.cookie(request, SIGN_IN_COOKIE);
        if (expected.isEmpty() || csrf == null || !MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
            return page(request, response, model, "signin.expired", HttpServletResponse.SC_FORBIDDEN);
        }
        if (failures.blocked(request.getRemoteAddr()).isPresent()) {
            return page(request, response, model, "signin.blocked", 429);
        }
        String presented = key == null ? "" : key.trim();
        Authentication result = presented.isEmpty() ? new Authentication.Refused("missing")
                : keys.authenticate(presented);
        if (result instanceof Authentication.Accepted accepted
                && (accepted.caller().may(Scope.READ))) {
            Caller caller = accepted.caller();
            String token = sessions.issue(caller.keyId(), caller.tenant(), caller.tenant());
            response.addHeader("Set-Cookie", ConsoleCookies.of(ConsoleFilter.COOKIE, token, sessions.ttl(),
                    request.isSecure()));
            response.addHeader("Set-Cookie", ConsoleCookies.cleared(SIGN_IN_COOKIE, request.isSecure()));
            return "redirect:/console";
        }
        if (result instanceof Authentication.Refused) {
            failures.failed(request.getRemoteAddr());
        }
        String reason = switch (result) {
            case Authentication.Suspended s -> "signin.suspended";
            case Authentication.Accepted a -> "signin.scope";
            case Authentication.Refused r -> "signin.refused";
        };
        return page(request, response, model, reason, HttpServletResponse.SC_UNAUTHORIZED);
    }

    @PostMapping("/console/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        // ConsoleFilter let the request through, so the session is valid and the CSRF token matched.
        ConsoleSession session = (ConsoleSession) request.getAttribute(ConsoleFilter.SESSION);
        signedOut.signOut(session.keyTenant(), session.hash(), session.expiresAt(), clock.instant());
        accessChanges.announce();
        response.addHeader("Set-Cookie", ConsoleCookies.cleared(ConsoleFilter.COOKIE, request.isSecure()));
        return "redirect:/console/sign-in";
    }

    /** The operator views another tenant; the session (and its CSRF token) stays the same otherwise. */
    @PostMapping("/console/tenant")
    String switchTenant(Caller caller, @RequestParam(name = "tenant", required = false) String tenant,
                        HttpServletRequest request, HttpServletResponse response) {
        if (!caller.operator() || tenant == null
                || !(TenantId.isWellFormedNewId(tenant) || TenantId.DEFAULT_VALUE.equals(tenant))
                || tenants.find(new TenantId(tenant)).isEmpty()) {
            // Nothing to switch to: back to the page as it was (the switcher lists only tenants that exist).
            return "redirect:/console";
        }
        String token = ConsoleFilter.cookie(request, ConsoleFilter.COOKIE).orElseThrow();
        response.addHeader("Set-Cookie", ConsoleCookies.of(ConsoleFilter.COOKIE,
                sessions.switchTo(token, new TenantId(tenant)), sessions.ttl(), request.isSecure()));
        return "redirect:/console";
    }

    private String page(HttpServletRequest request, HttpServletResponse response, Model model, String error,
                        int status) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        response.addHeader("Set-Cookie", ConsoleCookies.of(SIGN_IN_COOKIE, value, SIGN_IN_FORM_LIFE,
                request.isSecure()));
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(status);
        model.addAttribute("signInCsrf", value);
        model.addAttribute("error", error);
        return "console/sign-in";
    }
}
