package dev.herald.server.config;

import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.SignedOutSessions;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.server.console.ConsoleCallers;
import dev.herald.server.console.ConsoleFilter;
import dev.herald.server.console.ConsoleHeaders;
import dev.herald.server.console.ConsoleSessions;
import dev.herald.server.security.AccessVersion;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Clock;
import java.time.Duration;

/** The operator console under /console: its sessions and the filter that guards every page. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    ConsoleSessions consoleSessions(TenantSecrets secrets, Clock clock,
                                    @Value("${herald.console.session-ttl:8h}") Duration ttl) {
        return new ConsoleSessions(secrets, clock, ttl);
    }

    @Bean
    ConsoleCallers consoleCallers(ApiKeyStore keys, TenantStore tenants, SignedOutSessions signedOut,
                                  AccessVersion version, Clock clock) {
        return new ConsoleCallers(keys, tenants, signedOut, version, clock);
    }

    @Bean
    FilterRegistrationBean<ConsoleFilter> consoleFilter(ConsoleSessions sessions, ConsoleCallers callers) {
        FilterRegistrationBean<ConsoleFilter> registration = new FilterRegistrationBean<>(
                new ConsoleFilter(sessions, callers));
        // Matched on the decoded, normalised path, as the API's filters are; "/console/*" covers "/console" too.
        registration.addUrlPatterns("/console/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Before the session check, so its redirects and refusals carry the headers too. */
    @Bean
    FilterRegistrationBean<ConsoleHeaders> consoleHeaders() {
        FilterRegistrationBean<ConsoleHeaders> registration = new FilterRegistrationBean<>(new ConsoleHeaders());
        registration.addUrlPatterns("/console/*", "/console-assets/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 19);
        return registration;
    }
}
