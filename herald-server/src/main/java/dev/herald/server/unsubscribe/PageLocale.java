package dev.herald.server.unsubscribe;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of a page: one a controller chose for the request (the preference page speaks the user's language
 * as the user directory has it), else the browser's {@code Accept-Language} as before, so the console is served as
 * it always was.
 */
public final class PageLocale extends AcceptHeaderLocaleResolver {
    private static final String CHOSEN = PageLocale.class.getName() + ".chosen";
    /** The languages the preference page is written in; the first is the fallback. */
    static final List<String> WRITTEN = List.of("en", "ko");

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return request.getAttribute(CHOSEN) instanceof Locale chosen ? chosen : super.resolveLocale(request);
    }

    /**
     * Chooses the page's language: the user's stored locale when the page is written in it, else the first
     * language of {@code Accept-Language} it is written in, else English.
     */
    static Locale choose(HttpServletRequest request, String userLocale) {
        Locale chosen = written(userLocale == null ? null : Locale.forLanguageTag(userLocale))
                .or(() -> Collections.list(request.getHeader("Accept-Language") == null ? Collections.emptyEnumeration()
                        : request.getLocales()).stream().map(PageLocale::written).flatMap(Optional::stream)
                        .findFirst())
                .orElse(Locale.ENGLISH);
        request.setAttribute(CHOSEN, chosen);
        return chosen;
    }

    private static Optional<Locale> written(Locale locale) {
        return locale != null && WRITTEN.contains(locale.getLanguage())
                ? Optional.of(Locale.of(locale.getLanguage())) : Optional.empty();
    }
}
