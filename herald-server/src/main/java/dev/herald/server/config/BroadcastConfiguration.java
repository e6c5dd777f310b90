package dev.herald.server.config;

import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.fanout.BroadcastRunner;
import dev.herald.core.intake.BroadcastIntake;
import dev.herald.core.intake.BulkIntakeGate;
import dev.herald.core.intake.Intake;
import dev.herald.core.intake.RequestRules;
import dev.herald.core.model.PassingFailures;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.topics.TopicStore;
import dev.herald.jdbc.JdbcStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

/** Topics, broadcasts to them, and the runner that fans broadcasts out on worker nodes. */
@Configuration(proxyBeanMethods = false)
class BroadcastConfiguration {

    @Bean
    TopicStore topicStore(JdbcStores stores) {
        return stores.topics();
    }

    @Bean
    BroadcastStore broadcastStore(JdbcStores stores) {
        return stores.broadcasts();
    }

    @Bean
    BroadcastIntake broadcastIntake(Intake intake, RequestRules rules, TopicStore topics, BroadcastStore broadcasts,
                                    IdGenerator ids, Clock clock, HeraldProperties properties) {
        return new BroadcastIntake(intake, rules, topics, broadcasts, ids, clock, properties.idempotency().ttl());
    }

    @Bean
    BroadcastRunner broadcastRunner(BroadcastStore broadcasts, TopicStore topics, BroadcastIntake intake,
                                    NotificationStore notifications, BulkIntakeGate gate, LaneSignals signals,
                                    Clock clock, BroadcastProperties properties, PassingFailures passing) {
        // The lease names its holder: host-pid to find the process, and a random part so a restarted process with
        // the same pid is another holder.
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        return new BroadcastRunner(broadcasts, topics, intake, notifications, gate, signals, clock, owner,
                new BroadcastRunner.Settings(properties.chunkSize(), properties.lease(), properties.idle(),
                        properties.yieldFactor(), properties.cancelBatch(),
                        properties.retries().rule("herald.broadcasts.retries"), properties.yieldingChunkSize()),
                passing);
    }

    @Bean
    WorkerLifecycle broadcastLifecycle(BroadcastRunner runner, NodeRoles roles) {
        return new WorkerLifecycle(roles.worker(), runner);
    }
}
