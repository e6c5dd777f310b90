package dev.herald.server.config;

import dev.herald.core.audit.AuditTrail;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.audit.UserPseudonyms;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.broadcasts.BroadcastCancels;
import dev.herald.server.suppression.SuppressionEdits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;

/** The audit log's writers: changes made through the API and their entries, in one transaction. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {
    @Bean
    AuditedChange auditedChange(DataSourceTransactionManager transactions, AuditTrail trail, IdGenerator ids,
                                Clock clock) {
        return new AuditedChange(transactions, trail, ids, clock);
    }

    @Bean
    UserPseudonyms userPseudonyms(TenantSecrets secrets) {
        return new UserPseudonyms(secrets);
    }

    /** Suppression entries added and removed by hand, from the API and the console. */
    @Bean
    SuppressionEdits suppressionEdits(SuppressionList list, AddressRules rules, UserPseudonyms pseudonyms,
                                      AuditedChange audited, Clock clock) {
        return new SuppressionEdits(list, rules, pseudonyms, audited, clock);
    }

    /** Broadcasts cancelled, from the API and the console. */
    @Bean
    BroadcastCancels broadcastCancels(BroadcastStore broadcasts, AuditedChange audited, Clock clock) {
        return new BroadcastCancels(broadcasts, audited, clock);
    }
}
