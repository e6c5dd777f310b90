package dev.herald.server.config;

import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.tenancy.UserTokens;
import dev.herald.server.limits.ApiKeyRateLimitFilter;
import dev.herald.server.limits.BucketRateLimiter;
import dev.herald.server.security.InboxTokenFilter;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;

import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.server.api.Problems;
import dev.herald.server.api.ApiRoleFilter;
import dev.herald.server.api.RequestSizeLimitFilter;
import dev.herald.server.security.AdminKeyBootstrap;
import dev.herald.server.api.NulParameterGuard;
import dev.herald.server.api.RouteVariables;
import dev.herald.server.api.StrictJson;
import dev.herald.server.security.ApiKeyFilter;
import dev.herald.server.security.FailedAuthentications;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import dev.herald.server.security.CallerResolver;
import dev.herald.core.cache.CacheInvalidation;
import dev.herald.server.security.AccessChanges;
import dev.herald.server.security.AccessVersion;
import dev.herald.server.security.CachedKeys;
import dev.herald.server.security.CurrentSuspensions;
import dev.herald.server.security.KeyUsage;
import dev.herald.server.tenants.TenantOnboarding;
import dev.herald.server.types.SeedTypesBootstrap;
import dev.herald.core.tenancy.SuspendedTenants;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.core.tenancy.TenantStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** HTTP edge: size limits first, then API-key authentication, then the controllers. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new NulParameterGuard()).addPathPatterns("/api/**");
    }

    @Bean
    Problems problems(JsonMapper json) {
        return new Problems(json);
    }

    @Bean
    FilterRegistrationBean<ApiRoleFilter> apiRoleFilter(NodeRoles roles, Problems problems) {
        FilterRegistrationBean<ApiRoleFilter> registration = new FilterRegistrationBean<>(new ApiRoleFilter(problems));
        // The operator console and the preference pages of unsubscribe links are served where the API is.
        registration.addUrlPatterns("/api/*", "/console/*", "/u/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        // Registered on every node so the order of filters is one; only a node without the api role answers.
        registration.setEnabled(!roles.api());
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(HeraldProperties properties,
                                                                          Problems problems) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.limits().maxRequestBody().toBytes(),
                        properties.limits().maxBatchBody().toBytes(), problems));
        // Mapped by URL pattern, which the container matches on the decoded, normalised path: /%61pi/ or
        // /api;x/ cannot slip past the way a check on the raw request URI could be fooled.
        registration.addUrlPatterns("/api/*", "/u/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Request bodies: strings are strings (no coercion from true or 0) and never hold a NUL. */
    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    /** Tomcat's own error answers (oversized headers, a NUL in the path) as problem+json instead of HTML. */
    @Bean
    ProblemErrorReports problemErrorReports(JsonMapper json, ApplicationContext context) {
        // Looked up when an error is reported: the handler mapping does not exist yet while the server is built.
        return new ProblemErrorReports(json, new RouteVariables(() -> context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class)));
    }

    @Bean
    FailedAuthentications failedAuthentications(HeraldProperties properties, Clock clock) {
        HeraldProperties.FailedAuth failed = properties.limits().failedAuth();
        Limit limit;
        try {
            limit = new Limit(failed.attempts(), failed.per());
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("herald.limits.failed-auth is not usable: " + e.getMessage(),
                    "set attempts >= 1 and a positive per, e.g. attempts: 30, per: 1m");
        }
        // Its own buckets: a flood from many addresses must not evict the budgets of API keys and users.
        return new FailedAuthentications(new BucketRateLimiter(clock, 100_000), limit, failed.rememberUnknownKeys(),
                clock);
    }

    /**
     * Read at most twice a second (one indexed single-row read per node): what a node cached about keys and tenants
     * is then at most half a second old, so a revocation is refused everywhere within a second, the request's own
     * time included. Once a second would put the worst case at a second plus that time.
     */
    @Bean
    AccessVersion accessVersion(ApiKeyStore store, HeraldProperties properties) {
        return new AccessVersion(store::accessVersion, properties.access().recheck());
    }

    @Bean(destroyMethod = "close")
    AccessChanges accessChanges(CacheInvalidation invalidation, AccessVersion version) {
        return new AccessChanges(invalidation, version);
    }

    @Bean
    CachedKeys cachedKeys(ApiKeys apiKeys, AccessVersion version, Clock clock) {
        return new CachedKeys(apiKeys, version, clock);
    }

    /** Keys' lastUsedAt, written every 10 seconds and at shutdown instead of on every request. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    KeyUsage keyUsage(ApiKeyStore store, Clock clock) {
        return new KeyUsage(store, clock, Duration.ofSeconds(10));
    }

    @Bean
    SuspendedTenants suspendedTenants(TenantStore tenants, AccessVersion version, HeraldProperties properties) {
        return new CurrentSuspensions(tenants, version, properties.worker().suspendedRecheck());
    }

    @Bean
    TenantOnboarding tenantOnboarding(TenantStore tenants, ApiKeys apiKeys, SeedTypesBootstrap seeds,
                                      TenantSecrets secrets, Clock clock) {
        return new TenantOnboarding(tenants, apiKeys, seeds, secrets, clock);
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(CachedKeys keys, TenantStore tenants, KeyUsage usage,
                                                      Problems problems, FailedAuthentications failures,
                                                      AdminKeyBootstrap bootstrapped) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
                new ApiKeyFilter(keys, tenants, usage, problems, failures));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyRateLimitFilter> apiKeyRateLimitFilter(RateLimiter limiter, Problems problems,
                                                                       HeraldProperties properties) {
        HeraldProperties.Rate rate = properties.limits().apiKeyRate();
        Limit limit;
        try {
            limit = new Limit(rate.requests(), rate.per());
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("herald.limits.api-key-rate is not usable: " + e.getMessage(),
                    "set requests >= 1 and a positive per, e.g. requests: 200, per: 1s");
        }
        FilterRegistrationBean<ApiKeyRateLimitFilter> registration = new FilterRegistrationBean<>(
                new ApiKeyRateLimitFilter(limiter, limit, problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    @Bean
    FilterRegistrationBean<InboxTokenFilter> inboxTokenFilter(UserTokens tokens, Problems problems) {
        FilterRegistrationBean<InboxTokenFilter> registration = new FilterRegistrationBean<>(
                new InboxTokenFilter(tokens, problems));
        registration.addUrlPatterns("/api/v1/inbox/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Browsers of the tenant's own web app call the inbox from their origin; nothing else is open to them. */
    @Bean
    WebMvcConfigurer inboxCors(HeraldProperties properties) {
        List<String> origins = properties.inbox().allowedOrigins();
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                if (!origins.isEmpty()) {
                    registry.addMapping("/api/v1/inbox/**").allowedOrigins(origins.toArray(String[]::new))
                            .allowedMethods("GET", "POST").allowedHeaders("Authorization", "Content-Type")
                            .maxAge(3600);
                }
            }
        };
    }

    /** Runs before the API key filter exists, so the first request already finds the tenant and its admin key. */
    @Bean(initMethod = "run")
    AdminKeyBootstrap adminKeyBootstrap(ApiKeyStore store, ApiKeys apiKeys, Clock clock,
                                        HeraldProperties properties) {
        return new AdminKeyBootstrap(store, apiKeys, clock, properties);
    }
}
