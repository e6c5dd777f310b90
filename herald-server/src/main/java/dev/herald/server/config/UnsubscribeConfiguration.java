package dev.herald.server.config;

import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.core.unsubscribe.SignedUnsubscribeLinks;
import dev.herald.core.unsubscribe.UnsubscribeTokens;
import dev.herald.core.audit.UserPseudonyms;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.types.CachedPreferences;
import dev.herald.server.types.CachedTypeCatalog;
import dev.herald.server.unsubscribe.LinkChanges;
import dev.herald.server.unsubscribe.PageLocale;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** One-click unsubscribe: the signed links emails carry and the tokens the public {@code /u/} pages check. */
@Configuration(proxyBeanMethods = false)
class UnsubscribeConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeConfiguration.class);

    @Bean
    LinkChanges linkChanges(CachedPreferences preferences, AuditedChange audited, UserPseudonyms pseudonyms,
                            Clock clock) {
        return new LinkChanges(preferences, audited, pseudonyms, clock);
    }

    /** The preference page speaks the user's language; every other page the browser's, as before. */
    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return new PageLocale();
    }

    @Bean
    UnsubscribeTokens unsubscribeTokens(TenantSecrets secrets, Clock clock) {
        return new UnsubscribeTokens(secrets, clock);
    }

    /** Links only with a public base URL to point at; start-up refuses one that is not https (see the check). */
    @Bean
    UnsubscribeLinks unsubscribeLinks(HeraldProperties properties, CachedTypeCatalog types,
                                      UnsubscribeTokens tokens) {
        HeraldProperties.Unsubscribe settings = properties.unsubscribe();
        String base = UnsubscribeBaseUrl.of(properties);
        if (base == null) {
            if (settings.enabled()) {
                LOG.info("herald.public-base-url is not set: emails carry no List-Unsubscribe link");
            }
            return UnsubscribeLinks.NONE;
        }
        String mailto = settings.mailto() == null || settings.mailto().isBlank() ? null
                : "mailto:" + settings.mailto().strip();
        return new SignedUnsubscribeLinks(base, mailto, settings.linkTtl(), types, tokens);
    }
}
