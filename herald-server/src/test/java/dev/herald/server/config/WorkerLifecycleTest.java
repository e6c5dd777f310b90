package dev.herald.server.config;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.dispatch.Housekeeping;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.jdbc.JdbcStores;
import dev.herald.core.audit.AuditRetention;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a worker node does background work (here housekeeping); stopping the application stops it. */
class WorkerLifecycleTest {
    private final Housekeeping housekeeping = housekeeping();

    @Test
    void aWorkerStartsHousekeepingAndStopsIt() {
        WorkerLifecycle lifecycle = new WorkerLifecycle(true, housekeeping);

        lifecycle.start();
        assertThat(lifecycle.isRunning()).isTrue();
        lifecycle.stop();

        assertThat(lifecycle.isRunning()).isFalse();
    }

    @Test
    void aNodeThatIsNoWorkerLeavesItToTheWorkers() {
        WorkerLifecycle lifecycle = new WorkerLifecycle(false, housekeeping);

        lifecycle.start();

        assertThat(lifecycle.isRunning()).isFalse();
    }

    private static Housekeeping housekeeping() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:housekeeping-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Clock clock = Clock.systemUTC();
        JdbcStores stores = JdbcStores.open(h2, clock);
        return new Housekeeping(stores.digests(), stores.dedup(), stores.failures(), new IdGenerator(clock),
                new LaneSignals(), clock, Duration.ofSeconds(5),
                new AuditRetention(stores.audit(), Duration.ofDays(400), clock));
    }
}
