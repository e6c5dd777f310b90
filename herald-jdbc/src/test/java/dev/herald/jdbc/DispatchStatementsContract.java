package dev.herald.jdbc;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.dispatch.DeliveryLogContext;
import dev.herald.core.dispatch.DeliverySender;
import dev.herald.core.dispatch.DispatchSettings;
import dev.herald.core.dispatch.Dispatchers;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.dispatch.OutcomeRules;
import dev.herald.core.dispatch.OutcomeWriter;
import dev.herald.core.dispatch.RetryPolicy;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.preferences.OptOuts;
import dev.herald.core.tenancy.SuspendedTenants;
import dev.herald.testkit.CountingDataSource;
import dev.herald.testkit.RecordingProvider;
import dev.herald.testkit.TestNotifications;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What dispatching a claimed batch costs the database, counted statement by statement on a real database: the
 * per-delivery work (the content-dedup claim, the outcome and its history) is written per batch, so the count must
 * not grow with the batch. Reintroducing a transaction per send (as the dedup claim once was) fails this.
 */
abstract class DispatchStatementsContract {
    private static final int DELIVERIES = 60;
    private static final String OUTCOME_WRITER = "herald-outcome-writer";

    /** An empty, migrated database of the kind under test. */
    abstract DataSource database();

    @Test
    void aClaimedBatchCostsStatementsPerBatchNotPerDelivery() {
        Clock clock = Clock.systemUTC();
        DataSource database = database();
        CountingDataSource counted = new CountingDataSource(database);
        JdbcTemplate uncounted = new JdbcTemplate(database);
        JdbcStores stores = JdbcStores.open(counted, clock);
        stores.apiKeys().ensureTenant(TenantId.defaultTenant(), "Default");
        IdGenerator ids = new IdGenerator(clock);
        List<NewNotification> notifications = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            notifications.add(TestNotifications.aNotification(ids).at(clock.instant()).to("user-" + i).build());
        }
        stores.notifications().save(TenantId.defaultTenant(), notifications);
        RecordingProvider email = new RecordingProvider(Channel.EMAIL);
        OutcomeWriter writer = new OutcomeWriter(stores.queue(), List.of(), 500);
        // Dedup on, with the JDBC guard: every delivery claims its content.
        DeliverySender sender = new DeliverySender(providers(email),
                new OutcomeRules(RetryPolicy.defaults(), RandomGenerator.getDefault()), writer, clock,
                DeadAddresses.IGNORE, UserChannelLimits.none(), new ContentDedup(stores.dedup(), Duration.ofMinutes(10)),
                OptOuts.NONE, DeliveryLogContext.NONE, SuspendedTenants.NONE, UnsubscribeLinks.NONE);
        // Slots and batch size above the number of deliveries: the first claim takes them all.
        DispatchSettings settings = DispatchSettings.defaults("counted");
        Dispatchers dispatchers = new Dispatchers(stores.queue(), sender, writer, new LaneSignals(),
                new DispatchSettings(DELIVERIES * 2, settings.lease(), settings.minPoll(), settings.maxPoll(),
                        settings.concurrency().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                e -> DELIVERIES * 2)), "counted"), clock);
        counted.reset();

        dispatchers.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> uncounted.queryForObject(
                    "SELECT COUNT(*) FROM delivery WHERE status = 'SENT'", Integer.class) == DELIVERIES);
        } finally {
            dispatchers.stop(Duration.ofSeconds(5));
        }

        assertThat(email.received()).hasSize(DELIVERIES);
        List<CountingDataSource.Executed> executed = counted.executed();
        // The content claims: one batched statement for the claimed batch, not one transaction per send.
        assertThat(executed.stream().filter(e -> e.sql().toLowerCase(Locale.ROOT).contains("insert into dedup_key")))
                .hasSizeLessThanOrEqualTo(2);
        // The sends themselves (each on its own virtual thread) run no statement at all: all their writes go through
        // the batch's content claim and the outcome writer.
        assertThat(executed.stream().filter(e -> e.thread().equals("virtual"))).isEmpty();
        // The outcome writer commits outcomes in groups, each a fixed number of batched statements.
        long outcomeCommits = executed.stream().filter(e -> e.thread().equals(OUTCOME_WRITER) && e.isCommit()).count();
        long outcomeStatements = executed.stream().filter(e -> e.thread().equals(OUTCOME_WRITER) && !e.isCommit())
                .count();
        assertThat(outcomeCommits).isBetween(1L, (long) DELIVERIES);
        assertThat(outcomeStatements).isLessThanOrEqualTo(8 * outcomeCommits);
    }

    private static ChannelProviders providers(RecordingProvider email) {
        List<ChannelProvider> providers = new ArrayList<>();
        providers.add(email);
        Arrays.stream(Channel.values()).filter(c -> c != Channel.EMAIL).forEach(c -> providers.add(new RecordingProvider(c)));
        return new ChannelProviders(providers);
    }
}
