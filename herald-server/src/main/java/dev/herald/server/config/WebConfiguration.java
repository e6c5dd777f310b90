package dev.herald.server.config;

import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.clock.IdGenerator;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.api.Problems;
import dev.herald.server.api.RequestSizeLimitFilter;
import dev.herald.server.security.AdminKeyBootstrap;
import dev.herald.server.security.ApiKeyFilter;
import dev.herald.server.security.CallerResolver;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/** HTTP edge: size limits first, then API-key authentication, then the controllers. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver());
    }

    @Bean
    Problems problems(JsonMapper json) {
        return new Problems(json);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(HeraldProperties properties,
                                                                          Problems problems) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.limits().maxRequestBody().toBytes(),
                        properties.limits().maxBatchBody().toBytes(), problems));
        // Mapped by URL pattern, which the container matches on the decoded, normalised path: /%61pi/ or
        // /api;x/ cannot slip past the way a check on the raw request URI could be fooled.
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys apiKeys, Problems problems,
                                                      AdminKeyBootstrap bootstrapped) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
                new ApiKeyFilter(apiKeys, problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Runs before the API key filter exists, so the first request already finds the tenant and its admin key. */
    @Bean(initMethod = "run")
    AdminKeyBootstrap adminKeyBootstrap(JdbcStores stores, ApiKeys apiKeys, IdGenerator ids, Clock clock,
                                        HeraldProperties properties) {
        return new AdminKeyBootstrap(stores.apiKeys(), apiKeys, ids, clock, properties);
    }
}
