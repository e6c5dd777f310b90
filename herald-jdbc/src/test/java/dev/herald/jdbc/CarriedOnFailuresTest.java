package dev.herald.jdbc;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.dispatch.DeliveryLogContext;
import dev.herald.core.dispatch.DeliverySender;
import dev.herald.core.dispatch.OutcomeRules;
import dev.herald.core.dispatch.OutcomeWriter;
import dev.herald.core.dispatch.RetryPolicy;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.preferences.OptOuts;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.tenancy.SuspendedTenants;
import dev.herald.testkit.RecordingProvider;
import dev.herald.testkit.TestNotifications;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Housekeeping that fails must not stop a send, nor pass unseen: the send goes on, and the failure is counted for
 * operators. The stores fail for real: the table they need is gone.
 */
class CarriedOnFailuresTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T01:00:00Z"));
    private final IdGenerator ids = new IdGenerator(clock);
    private JdbcStores stores;
    private JdbcTemplate jdbc;
    private OutcomeWriter writer;
    private DeliveryLogContext logContext = DeliveryLogContext.NONE;

    @BeforeEach
    void openStores() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:carried-on-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        stores = JdbcStores.open(h2, clock);
        jdbc = new JdbcTemplate(h2);
        stores.apiKeys().ensureTenant(TenantId.defaultTenant(), "Default");
        writer = new OutcomeWriter(stores.queue(), List.of(), 100);
        writer.start();
    }

    @AfterEach
    void stopWriter() throws InterruptedException {
        writer.stop(Duration.ofSeconds(5));
    }

    private ClaimedDelivery queuedAndClaimed() {
        NewNotification n = TestNotifications.aNotification(ids).at(clock.instant()).channels(Channel.EMAIL).build();
        stores.notifications().save(n.notification().tenant(), List.of(n));
        return stores.queue().claim(Priority.NORMAL, 1, clock.instant(), LEASE, "w1").getFirst();
    }

    private DeliverySender sender(ChannelProvider email, DeadAddresses deadAddresses, ContentDedup dedup) {
        List<ChannelProvider> providers = new ArrayList<>(List.of(email));
        Arrays.stream(Channel.values()).filter(c -> c != Channel.EMAIL)
                .forEach(c -> providers.add(new RecordingProvider(c)));
        return new DeliverySender(new ChannelProviders(providers),
                new OutcomeRules(RetryPolicy.defaults(), RandomGenerator.getDefault()), writer, clock, deadAddresses,
                UserChannelLimits.none(), dedup, OptOuts.NONE, logContext, SuspendedTenants.NONE, UnsubscribeLinks.NONE);
    }

    private DeliveryStatus statusOf(ClaimedDelivery delivery) {
        return DeliveryStatus.valueOf(jdbc.queryForObject("SELECT status FROM delivery WHERE id = ?", String.class,
                delivery.id()));
    }

    @Test
    void aDeliveryGoesOutUncheckedWhenTheDedupStoreFailsAndTheFailureIsCounted() {
        ClaimedDelivery delivery = queuedAndClaimed();
        jdbc.execute("DROP TABLE dedup_key");
        RecordingProvider email = new RecordingProvider(Channel.EMAIL);
        DeliverySender sender = sender(email, DeadAddresses.IGNORE,
                new ContentDedup(stores.dedup(), Duration.ofMinutes(10)));

        sender.send(delivery);

        assertThat(email.received()).hasSize(1);
        assertThat(statusOf(delivery)).isEqualTo(DeliveryStatus.SENT);
        assertThat(sender.failures().count(DeliverySender.DEDUP_CHECK_FAILED)).isEqualTo(1);
    }

    @Test
    void whatIsLoggedWhileADeliveryIsSentHappensInsideThatDeliverysLogContext() {
        ClaimedDelivery delivery = queuedAndClaimed();
        jdbc.execute("DROP TABLE dedup_key");
        List<String> context = new ArrayList<>();
        logContext = d -> {
            context.add("enter " + d.id());
            return () -> context.add("leave " + d.id());
        };
        RecordingProvider email = new RecordingProvider(Channel.EMAIL).answering(m -> {
            context.add("send");
            return new SendResult.Sent("recording", "m-1");
        });
        DeliverySender sender = sender(email, DeadAddresses.IGNORE,
                new ContentDedup(stores.dedup(), Duration.ofMinutes(10)));

        sender.send(delivery);

        // The dedup warning and the provider call both fall between entering and leaving.
        assertThat(context).containsExactly("enter " + delivery.id(), "send", "leave " + delivery.id());
        assertThat(sender.failures().count(DeliverySender.DEDUP_CHECK_FAILED)).isEqualTo(1);
    }

    @Test
    void aDeadAddressThatCannotBeForgottenStillFailsItsDeliveryAndIsCounted() {
        ClaimedDelivery delivery = queuedAndClaimed();
        jdbc.execute("DROP TABLE device");
        RecordingProvider email = new RecordingProvider(Channel.EMAIL)
                .answering(m -> new SendResult.Rejected("recording", "no such mailbox", true));
        DeliverySender sender = sender(email,
                (tenant, message, reason) -> stores.devices().forget(tenant, message.address()), ContentDedup.off());

        sender.send(delivery);

        assertThat(statusOf(delivery)).isEqualTo(DeliveryStatus.FAILED);
        assertThat(sender.failures().count(DeliverySender.FORGET_DEAD_ADDRESS_FAILED)).isEqualTo(1);
        assertThat(sender.failures().snapshot()).containsOnlyKeys(DeliverySender.FORGET_DEAD_ADDRESS_FAILED);
    }

    @Test
    void aDuplicateIsSuppressedEvenWhenItsSavingCannotBeCountedAndTheFailureIsCounted() {
        ContentDedup dedup = new ContentDedup(stores.dedup(), Duration.ofMinutes(10));
        RecordingProvider email = new RecordingProvider(Channel.EMAIL);
        DeliverySender sender = sender(email, DeadAddresses.IGNORE, dedup);
        ClaimedDelivery first = queuedAndClaimed();
        sender.send(first);
        jdbc.execute("DROP TABLE dedup_saving");

        ClaimedDelivery repeat = queuedAndClaimed();
        sender.send(repeat);

        assertThat(email.received()).hasSize(1);
        assertThat(statusOf(repeat)).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(dedup.failures().count(ContentDedup.SAVING_NOT_COUNTED)).isEqualTo(1);
    }
}
