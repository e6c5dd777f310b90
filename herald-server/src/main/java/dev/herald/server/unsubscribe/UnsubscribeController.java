package dev.herald.server.unsubscribe;

import dev.herald.core.channel.UnsubscribeLink;
import dev.herald.core.model.Channel;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.recipients.User;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.request.Violation;
import dev.herald.core.request.Violations;
import dev.herald.core.types.TypeStore;
import dev.herald.core.unsubscribe.UnsubscribeToken;
import dev.herald.core.unsubscribe.UnsubscribeTokens;
import dev.herald.server.api.Problems;
import dev.herald.server.security.FailedAuthentications;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public end of unsubscribe links, {@code /u/{token}}: no API key and no sign-in, the signed token in the path
 * is the only credential and names the one user it may change.
 * <ul>
 * <li>{@code POST /u/{token}} with {@code List-Unsubscribe=One-Click} (RFC 8058, what mailbox providers send):
 * opts the user out of the link's type by email, idempotently, and answers 200 with a tiny body. It needs no CSRF
 * token by design: the request carries nothing a third party could not send, and it can only do what the token
 * says.</li>
 * <li>{@code GET /u/{token}}: the hosted preference page in the user's language. It changes nothing (mail scanners
 * open links).</li>
 * <li>{@code POST /u/{token}/preferences}: the page's form, guarded by a double-submit value (a SameSite=Strict
 * cookie and a form field) as the console's sign-in form is.</li>
 * </ul>
 * A forged or altered token is 404, an expired one (or one whose user is gone) 410; nothing is written. Browsers
 * get a small page, other clients problem+json.
 */
@Controller
class UnsubscribeController {
    static final String FORM_COOKIE = "herald_prefs";
    static final String CSRF_PARAM = "_csrf";
    private static final Duration FORM_LIFE = Duration.ofHours(2);
    /** Every switch of the largest page, with room; more is not a form this page sent. */
    private static final int MAX_SWITCHES = PreferenceGrid.MAX_TYPES * Channel.values().length;
    private static final Pattern HH_MM = Pattern.compile("^\\d{2}:\\d{2}$");
    /** Problem answers name no instance: the path holds the token, a credential. */
    private static final String INSTANCE = null;

    private final UnsubscribeTokens tokens;
    private final UserDirectory users;
    private final TypeStore types;
    private final LinkChanges changes;
    private final AddressRules addresses;
    private final Problems problems;
    private final FailedAuthentications failures;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    UnsubscribeController(UnsubscribeTokens tokens, UserDirectory users, TypeStore types, LinkChanges changes,
                          AddressRules addresses, Problems problems, FailedAuthentications failures, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.types = types;
        this.changes = changes;
        this.addresses = addresses;
        this.problems = problems;
        this.failures = failures;
        this.clock = clock;
    }

    /** A token that opened: whom it speaks for, as the directory has them now. */
    private record Linked(UnsubscribeToken token, User user) {
    }

    @PostMapping("/u/{token}")
    String oneClick(@PathVariable String token,
                    @RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
                    HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Linked linked = open(token, request, response);
        if (!"One-Click".equals(oneClick)) {
            throw new LinkRefused(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "must be One-Click (RFC 8058: the body is List-Unsubscribe=One-Click)",
                    "unsubscribe.refused.body").naming("List-Unsubscribe", "one-click");
        }
        changes.unsubscribe(linked.token());
        if (!wantsHtml(request)) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("unsubscribed\n");
            return null;
        }
        PageLocale.choose(request, linked.user().locale());
        model.addAttribute("type", linked.token().type());
        model.addAttribute("token", token);
        return "unsubscribe/done";
    }

    @GetMapping("/u/{token}")
    String page(@PathVariable String token, @RequestParam(name = "saved", required = false) String saved,
                HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Linked linked = open(token, request, response);
        Preferences chosen = changes.current(linked.token());
        return show(linked, token, chosen, PreferenceGrid.of(types.list(linked.token().tenant()),
                linked.token().type(), chosen), saved != null, List.of(), HttpServletResponse.SC_OK, request,
                response, model);
    }

    @PostMapping("/u/{token}/preferences")
    String save(@PathVariable String token,
                @RequestParam(name = "ch", required = false) List<String> switchedOn,
                @RequestParam(name = "quietStart", required = false) String quietStart,
                @RequestParam(name = "quietEnd", required = false) String quietEnd,
                @RequestParam(name = "quietZone", required = false) String quietZone,
                @RequestParam(name = CSRF_PARAM, required = false) String csrf,
                HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Linked linked = open(token, request, response);
        UnsubscribeToken subject = linked.token();
        Preferences before = changes.current(subject);
        PreferenceGrid grid = PreferenceGrid.of(types.list(subject.tenant()), subject.type(), before);
        Optional<String> expected = cookie(request);
        if (expected.isEmpty() || csrf == null || !MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
            return show(linked, token, before, grid, false, List.of("prefs.error.expired"),
                    HttpServletResponse.SC_FORBIDDEN, request, response, model);
        }
        List<String> errors = new ArrayList<>();
        Set<String> on = switchedOn == null ? Set.of() : new HashSet<>(switchedOn);
        if (switchedOn != null && switchedOn.size() > MAX_SWITCHES) {
            errors.add("prefs.error.switches");
        }
        LocalTime start = time(quietStart, "prefs.error.start", errors);
        LocalTime end = time(quietEnd, "prefs.error.end", errors);
        String zone = quietZone == null || quietZone.isBlank() ? null : quietZone.strip();
        if ((start == null) != (end == null) && !errors.contains("prefs.error.start")
                && !errors.contains("prefs.error.end")) {
            errors.add("prefs.error.both");
        }
        if (start != null && start.equals(end)) {
            errors.add("prefs.error.same");
        }
        Violations zoneRule = new Violations();
        addresses.timeZone(zoneRule, "quietZone", zone);
        if (!zoneRule.isEmpty()) {
            errors.add("prefs.error.zone");
        }
        if (!errors.isEmpty()) {
            return show(linked, token, before, grid, false, errors, HttpServletResponse.SC_BAD_REQUEST,
                    request, response, model);
        }
        changes.save(subject, grid.apply(before, on, start, end, start == null ? null : zone, clock.instant()));
        return "redirect:/u/" + token + "?saved";
    }

    private String show(Linked linked, String token, Preferences chosen, PreferenceGrid grid, boolean saved,
                        List<String> errors, int status, HttpServletRequest request, HttpServletResponse response,
                        Model model) {
        PageLocale.choose(request, linked.user().locale());
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        response.addHeader("Set-Cookie", ResponseCookie.from(FORM_COOKIE, csrf).httpOnly(true)
                .secure(request.isSecure()).sameSite("Strict").path("/u").maxAge(FORM_LIFE).build().toString());
        response.setStatus(status);
        UnsubscribeToken subject = linked.token();
        model.addAttribute("token", token);
        model.addAttribute("csrf", csrf);
        model.addAttribute("grid", grid);
        model.addAttribute("type", subject.type());
        model.addAttribute("channel", subject.channel());
        model.addAttribute("unsubscribed", chosen.declines(subject.type(), subject.channel()));
        model.addAttribute("linkedCritical", grid.rows().getFirst().critical());
        model.addAttribute("quietStart", chosen.quietStart() == null ? "" : chosen.quietStart().toString());
        model.addAttribute("quietEnd", chosen.quietEnd() == null ? "" : chosen.quietEnd().toString());
        model.addAttribute("quietZone", chosen.quietZone() != null ? chosen.quietZone()
                : linked.user().timeZone() == null ? "" : linked.user().timeZone());
        model.addAttribute("oneClick", UnsubscribeLink.ONE_CLICK.substring(UnsubscribeLink.ONE_CLICK.indexOf('=')
                + 1));
        model.addAttribute("saved", saved);
        model.addAttribute("errors", errors);
        return "unsubscribe/preferences";
    }

    /**
     * The token's subject, if it is genuine, unexpired and its user still exists; otherwise a {@link LinkRefused}
     * is thrown and nothing else happens. Addresses that keep sending forged tokens are slowed down like failed sign-ins.
     */
    private Linked open(String token, HttpServletRequest request, HttpServletResponse response) {
        PageHeaders.apply(response);
        Optional<Duration> blocked = failures.blocked(request.getRemoteAddr());
        if (blocked.isPresent()) {
            response.setHeader("Retry-After", String.valueOf(Math.max(1, blocked.get().toSeconds())));
            throw new LinkRefused(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                    "too many invalid links from this address; try again later", "unsubscribe.refused.busy");
        }
        return switch (tokens.verify(token)) {
            case UnsubscribeTokens.Verdict.Forged forged -> {
                failures.failed(request.getRemoteAddr());
                throw new LinkRefused(HttpStatus.NOT_FOUND, "unknown-link", "Unknown link",
                        "this unsubscribe link is not valid; use the link from the email as it came",
                        "unsubscribe.refused.unknown");
            }
            case UnsubscribeTokens.Verdict.Expired expired -> throw new LinkRefused(HttpStatus.GONE, "link-expired",
                    "Link expired", "this unsubscribe link has expired; use the link in a newer email",
                    "unsubscribe.refused.expired");
            case UnsubscribeTokens.Verdict.Valid valid -> {
                Optional<User> user = users.find(valid.token().tenant(), valid.token().userId());
                if (user.isEmpty()) {
                    throw new LinkRefused(HttpStatus.GONE, "link-expired", "Link expired",
                            "this unsubscribe link no longer applies", "unsubscribe.refused.expired");
                }
                yield new Linked(valid.token(), user.get());
            }
        };
    }

    /** Why a request to a link was refused: nothing was written. */
    static final class LinkRefused extends RuntimeException {
        private final HttpStatus status;
        private final String slug;
        private final String title;
        private final String pageKey;
        private final Violation field;

        LinkRefused(HttpStatus status, String slug, String title, String detail, String pageKey) {
            this(status, slug, title, detail, pageKey, null);
        }

        private LinkRefused(HttpStatus status, String slug, String title, String detail, String pageKey,
                            Violation field) {
            super(detail, null, false, false);
            this.status = status;
            this.slug = slug;
            this.title = title;
            this.pageKey = pageKey;
            this.field = field;
        }

        /** The same refusal, naming the request field and the rule it broke. */
        LinkRefused naming(String fieldName, String rule) {
            return new LinkRefused(status, slug, title, getMessage(), pageKey,
                    new Violation(fieldName, rule, getMessage()));
        }
    }

    /** A browser gets a small page in its language; anything else problem+json. */
    @ExceptionHandler(LinkRefused.class)
    ModelAndView refused(LinkRefused refused, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        PageHeaders.apply(response);
        if (wantsHtml(request)) {
            PageLocale.choose(request, null);
            ModelAndView page = new ModelAndView("unsubscribe/refused", Map.of("reason", refused.pageKey));
            page.setStatus(refused.status);
            return page;
        }
        if (refused.field != null) {
            problems.write(response, Problems.invalid(List.of(refused.field), INSTANCE));
        } else {
            problems.write(response, refused.status, refused.slug, refused.title, refused.getMessage(), INSTANCE);
        }
        return null;
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static LocalTime time(String value, String error, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        // A time field sends HH:mm; some browsers add seconds when a step is set.
        if (v.length() == 8 && v.endsWith(":00")) {
            v = v.substring(0, 5);
        }
        if (!HH_MM.matcher(v).matches()) {
            errors.add(error);
            return null;
        }
        try {
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(error);
            return null;
        }
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (FORM_COOKIE.equals(c.getName())) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }
}
