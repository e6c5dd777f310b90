package dev.herald.server.config;

import dev.herald.core.channel.IntegrationStore;
import dev.herald.providers.chain.ProviderCalls;
import dev.herald.providers.chain.ProviderRates;
import dev.herald.server.integrations.CredentialSeal;
import dev.herald.server.integrations.TenantChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.List;

/** Tenants' own providers: how their settings are checked and built, their credentials' seal, their chains. */
@Configuration(proxyBeanMethods = false)
class IntegrationConfiguration {

    @Bean
    IntegrationProviders integrationProviders(List<ProviderFactory<?>> factories, HeraldProperties properties,
                                              IntegrationsProperties integrations) {
        return new IntegrationProviders(factories, properties.worker().lease(),
                integrations.allowInternalAddresses());
    }

    /** A configured datasource may be shared by several nodes: a key generated here would differ per node. */
    @Bean
    CredentialSeal credentialSeal(IntegrationsProperties integrations, HeraldProperties properties,
                                  Environment environment, IntegrationStore store, Clock clock) {
        String url = environment.getProperty("spring.datasource.url");
        return CredentialSeal.atStartup(integrations, properties.dataDir(), url != null && !url.isBlank(), store,
                clock);
    }

    @Bean
    TenantChains tenantChains(IntegrationStore store, IntegrationProviders providers, CredentialSeal seal,
                              Clock clock, HeraldProperties properties, IntegrationsProperties integrations,
                              ProviderCalls calls, ProviderRates rates) {
        return new TenantChains(store, providers, seal, clock, integrations.refresh(),
                new LongestSendRule(properties.worker().lease()).chainBudget(), calls,
                properties.channels().kakao().fallbackToSms(), rates);
    }
}
