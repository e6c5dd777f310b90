package dev.herald.server.metrics;

import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.dispatch.DeliverySender;
import dev.herald.core.stats.LaneDepths;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.server.security.CachedKeys;
import dev.herald.server.security.KeyUsage;
import dev.herald.jdbc.JdbcBacklog;
import dev.herald.server.api.Problems;
import dev.herald.server.security.AdminKeyBootstrap;
import dev.herald.server.security.ApiKeyFilter;
import dev.herald.server.security.FailedAuthentications;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/** Herald's own meters (the {@code herald_*} series at {@code /actuator/prometheus}) and who may read them. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    OutcomeMetrics outcomeMetrics(MeterRegistry registry) {
        return new OutcomeMetrics(registry);
    }

    @Bean
    AcceptedNotifications acceptedNotifications(MeterRegistry registry) {
        return new AcceptedNotifications(registry);
    }

    @Bean
    InboundEventCounter inboundEventCounter(MeterRegistry registry) {
        return new InboundEventCounter(registry);
    }

    @Bean
    BacklogGauges backlogGauges(LaneDepths depths, DataSource dataSource, Clock clock, MetricsProperties properties) {
        return new BacklogGauges(depths, new JdbcBacklog(new JdbcTemplate(dataSource)), clock, properties.refresh());
    }

    @Bean
    ProviderCallCounter providerCallCounter(MeterRegistry registry) {
        return new ProviderCallCounter(registry);
    }

    @Bean
    ProviderGauges providerGauges(ChannelProviders carriers) {
        return new ProviderGauges(carriers);
    }

    @Bean
    CarriedOnFailures carriedOnFailures(DeliverySender sender, ContentDedup dedup) {
        return new CarriedOnFailures(sender, dedup);
    }

    /**
     * The scrape endpoint answers to any valid API key, as the API does; {@code herald.metrics.public: true} opens
     * it to a scraper without one (for a network where only Prometheus can reach the port).
     */
    @Bean
    @ConditionalOnProperty(name = "herald.metrics.public", havingValue = "false", matchIfMissing = true)
    FilterRegistrationBean<ApiKeyFilter> metricsKeyFilter(CachedKeys keys, TenantStore tenants, KeyUsage usage,
                                                          Problems problems, FailedAuthentications failures,
                                                          AdminKeyBootstrap bootstrapped) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
                new ApiKeyFilter(keys, tenants, usage, problems, failures));
        registration.addUrlPatterns("/actuator/prometheus", "/actuator/prometheus/*", "/actuator/metrics",
                "/actuator/metrics/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
