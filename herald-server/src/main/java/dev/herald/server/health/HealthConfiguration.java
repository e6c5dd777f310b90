package dev.herald.server.health;

import dev.herald.core.dispatch.Dispatchers;
import dev.herald.server.config.NodeRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The {@code herald} health contributor, which the readiness group includes (see application.yml). */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    HeraldReadiness heraldHealthIndicator(DataSource dataSource, Dispatchers dispatchers,
                                          NodeRoles roles) {
        return new HeraldReadiness(dataSource, dispatchers, roles.worker());
    }
}
