package dev.herald.testkit;

import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Message;
import dev.herald.core.digest.DigestContent;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.DeliveryEvent;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;
import dev.herald.core.stats.DailyDeliveryStats;
import dev.herald.core.stats.DeliveryCounts;
import dev.herald.core.stats.LatencyHistogram;
import dev.herald.core.stats.LaneDepth;
import dev.herald.core.stats.ProviderSends;
import dev.herald.core.stats.StatsQuery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model counts every status change in the same write as the change, per accept day, channel and type. */
public abstract class DeliveryStatsContract extends StoreContract {
    private static final LocalDate DAY = LocalDate.ofInstant(T0, ZoneOffset.UTC);

    private DeliveryCounts counts(Channel channel, String type) {
        return stores.stats().daily(TENANT, new StatsQuery(DAY, DAY, channel, type)).stream()
                .map(DailyDeliveryStats::counts).reduce(DeliveryCounts.none(), DeliveryCounts::plus);
    }

    private List<ClaimedDelivery> claimAll() {
        return stores.queue().claim(Priority.NORMAL, 100, clock.instant(), Duration.ofSeconds(30), "w");
    }

    @Test
    void intakeCountsAcceptedAndWhatFailedOrWasSuppressedAtOnce() {
        UUID id = ids.next();
        Notification n = new Notification(id, TENANT, "order.shipped", Priority.NORMAL, null, clock.instant());
        stores.notifications().save(TENANT, List.of(new NewNotification(n, List.of(
                Delivery.planned(ids.next(), id, Channel.SMS, Priority.NORMAL, "ann", null)
                        .failed("no phone number", clock.instant()),
                Delivery.planned(ids.next(), id, Channel.EMAIL, Priority.NORMAL, "ann", "ann@example.com")
                        .suppressed("declined by the user", clock.instant())))));
        stores.notifications().save(TENANT, List.of(aNotification().type("order.shipped").to("bob").build()));

        DeliveryCounts email = counts(Channel.EMAIL, "order.shipped");
        assertThat(email.accepted()).isEqualTo(2);
        assertThat(email.suppressed()).isEqualTo(1);
        assertThat(email.suppressedByDedup()).isZero();
        DeliveryCounts sms = counts(Channel.SMS, null);
        assertThat(sms.accepted()).isEqualTo(1);
        assertThat(sms.failed()).isEqualTo(1);
    }

    @Test
    void outcomesAreCountedOncePerRowWithTheirAcceptToSentLatency() {
        stores.notifications().save(TENANT, List.of(aNotification().to("a", "b", "c", "d").build()));
        clock.advance(Duration.ofMillis(700));
        List<ClaimedDelivery> claimed = claimAll();

        List<Outcome> recorded = stores.queue().record(List.of(
                Outcome.sent(claimed.get(0), clock.instant(), "smtp", "m1", null),
                Outcome.sent(claimed.get(1), clock.instant(), "smtp", "m2", null),
                Outcome.notSent(claimed.get(2), DeliveryStatus.SUPPRESSED, clock.instant(), null,
                        ContentDedup.DUPLICATE_REASON + claimed.get(0).id()),
                Outcome.retryAt(claimed.get(3), clock.instant(), clock.instant().plusSeconds(5), "smtp", "4xx")));
        assertThat(recorded).hasSize(4);
        // An outcome the fence refuses (written twice) is not counted twice.
        stores.queue().record(List.of(Outcome.sent(claimed.get(0), clock.instant(), "smtp", "m1", null)));

        DeliveryCounts c = counts(null, null);
        assertThat(c.accepted()).isEqualTo(4);
        assertThat(c.sent()).isEqualTo(2);
        assertThat(c.suppressed()).isEqualTo(1);
        assertThat(c.suppressedByDedup()).isEqualTo(1);
        assertThat(c.failed()).isZero();
        assertThat(c.acceptToSent().counts().get(LatencyHistogram.bucketOf(Duration.ofMillis(700)))).isEqualTo(2);
        assertThat(c.acceptToSent().percentileMillis(0.99)).isEqualTo(1_000L);
    }

    @Test
    void receiptsAndCancellationsAreCounted() {
        stores.notifications().save(TENANT, List.of(aNotification().channels(Channel.SMS).to("ann").build()));
        ClaimedDelivery sms = claimAll().getFirst();
        stores.queue().record(List.of(Outcome.sent(sms, clock.instant(), "twilio", "SM1", null)));
        stores.notifications().recordReceipt(TENANT, sms.id(), DeliveryStatus.DELIVERED, clock.instant(), null);
        stores.notifications().recordReceipt(TENANT, sms.id(), DeliveryStatus.DELIVERED, clock.instant(), "again");
        NewNotification later = aNotification().to("bob").sendAt(T0.plusSeconds(3600)).build();
        stores.notifications().save(TENANT, List.of(later));
        stores.notifications().cancel(TENANT, later.notification().id(), clock.instant());

        assertThat(counts(Channel.SMS, null).delivered()).isEqualTo(1);
        assertThat(counts(Channel.EMAIL, null).cancelled()).isEqualTo(1);
    }

    @Test
    void aDigestCountsItsItemsAsSuppressedAndItselfAsAccepted() {
        for (String title : List.of("Bo liked", "Cy liked")) {
            UUID id = ids.next();
            Delivery item = Delivery.planned(ids.next(), id, Channel.EMAIL, Priority.LOW, "ann", "ann@example.com")
                    .digestItem(new Message(title, title, null), clock.instant(), null, "ann|like", T0);
            stores.notifications().save(TENANT, List.of(new NewNotification(
                    new Notification(id, TENANT, "social.like", Priority.LOW, null, clock.instant()), List.of(item))));
        }
        DigestStore.DigestRef due = stores.digests().dueDigests(clock.instant(), 10).getFirst();
        stores.digests().collapse(due, clock.instant(), ids.next(), new DigestContent()::render).orElseThrow();

        DeliveryCounts c = counts(Channel.EMAIL, "social.like");
        assertThat(c.accepted()).isEqualTo(3);
        assertThat(c.suppressed()).isEqualTo(2);
        assertThat(c.suppressedByDedup()).isZero();
    }

    @Test
    void aDiscardedDeadLetterIsCountedAsDeadThenCancelled() {
        stores.notifications().save(TENANT, List.of(aNotification().build()));
        ClaimedDelivery claimed = claimAll().getFirst();
        stores.queue().record(List.of(Outcome.notSent(claimed, DeliveryStatus.DEAD, clock.instant(), "smtp", "5xx")));
        stores.deadLetters().discard(TENANT, claimed.id(), clock.instant());

        DeliveryCounts c = counts(null, null);
        assertThat(c.dead()).isEqualTo(1);
        assertThat(c.cancelled()).isEqualTo(1);
    }

    @Test
    void aRebuildFromHistoryGivesTheSameRowsAsCountingLive() {
        UUID id = ids.next();
        Notification n = new Notification(id, TENANT, "order.shipped", Priority.NORMAL, null, clock.instant());
        stores.notifications().save(TENANT, List.of(new NewNotification(n, List.of(
                Delivery.planned(ids.next(), id, Channel.SMS, Priority.NORMAL, "ann", null)
                        .failed("no phone number", clock.instant())))));
        stores.notifications().save(TENANT, List.of(aNotification().channels(Channel.SMS).to("a", "b", "c", "d")
                .build()));
        clock.advance(Duration.ofSeconds(3));
        List<ClaimedDelivery> claimed = claimAll();
        stores.queue().record(List.of(
                Outcome.sent(claimed.get(0), clock.instant(), "twilio", "SM1", null),
                Outcome.notSent(claimed.get(1), DeliveryStatus.SUPPRESSED, clock.instant(), null,
                        ContentDedup.DUPLICATE_REASON + claimed.get(0).id()),
                Outcome.notSent(claimed.get(2), DeliveryStatus.DEAD, clock.instant(), "twilio", "5xx"),
                Outcome.retryAt(claimed.get(3), clock.instant(), clock.instant().plusSeconds(5), "twilio", "busy")));
        stores.notifications().recordReceipt(TENANT, claimed.get(0).id(), DeliveryStatus.DELIVERED, clock.instant(),
                null);
        stores.deadLetters().discard(TENANT, claimed.get(2).id(), clock.instant());
        stores.notifications().save(OTHER_TENANT, List.of(aNotification().tenant(OTHER_TENANT).build()));
        List<DailyDeliveryStats> live = stores.stats().daily(TENANT, StatsQuery.days(DAY, DAY));

        int rows = stores.statsRebuild().rebuild(TENANT);

        assertThat(rows).isEqualTo(live.size());
        assertThat(stores.stats().daily(TENANT, StatsQuery.days(DAY, DAY))).isEqualTo(live);
        assertThat(stores.stats().daily(OTHER_TENANT, StatsQuery.days(DAY, DAY))).hasSize(1);
    }

    @Test
    void aBounceAfterDeliveryCountsAsDeliveredAndFailedAndAComplaintCountsNothingLiveOrRebuilt() {
        stores.notifications().save(TENANT, List.of(aNotification().to("a").build()));
        ClaimedDelivery claimed = claimAll().getFirst();
        stores.queue().record(List.of(Outcome.sent(claimed, clock.instant(), "smtp", "<m1@herald>", null)));
        stores.notifications().recordReceipt(TENANT, claimed.id(), DeliveryStatus.DELIVERED, clock.instant(), null);
        stores.notifications().recordEvent(TENANT, claimed.id(), DeliveryEvent.COMPLAINT, clock.instant(),
                "complaint");
        stores.notifications().recordBounce(TENANT, claimed.id(), clock.instant(), "bounced");
        List<DailyDeliveryStats> live = stores.stats().daily(TENANT, StatsQuery.days(DAY, DAY));

        stores.statsRebuild().rebuild(TENANT);

        // Counters count the statuses a delivery reached, as sent and failed both count a bounce after SENT.
        DeliveryCounts c = counts(null, null);
        assertThat(c.sent()).isEqualTo(1);
        assertThat(c.delivered()).isEqualTo(1);
        assertThat(c.failed()).isEqualTo(1);
        assertThat(c.read()).isZero();
        assertThat(stores.stats().daily(TENANT, StatsQuery.days(DAY, DAY))).isEqualTo(live);
    }

    @Test
    void sentMessagesAreCountedPerProviderAndRebuiltFromTheDeliveryRows() {
        stores.notifications().save(TENANT, List.of(aNotification().channels(Channel.SMS)
                .to("a", "b", "c", "d", "e", "f").build(), aNotification().to("g").build()));
        stores.notifications().save(OTHER_TENANT, List.of(aNotification().tenant(OTHER_TENANT).channels(Channel.SMS)
                .build()));
        List<ClaimedDelivery> claimed = claimAll();
        List<ClaimedDelivery> sms = claimed.stream().filter(c -> c.tenant().equals(TENANT)
                && c.channel() == Channel.SMS).toList();
        ClaimedDelivery email = claimed.stream().filter(c -> c.channel() == Channel.EMAIL).findFirst().orElseThrow();
        ClaimedDelivery other = claimed.stream().filter(c -> c.tenant().equals(OTHER_TENANT)).findFirst()
                .orElseThrow();
        stores.queue().record(List.of(
                Outcome.sent(sms.get(0), clock.instant(), "gw-a", "1", null),
                Outcome.sent(sms.get(1), clock.instant(), "gw-a", "2", null),
                Outcome.sent(sms.get(2), clock.instant(), "gw-b", "3", "failed over from gw-a"),
                Outcome.sent(sms.get(3), clock.instant(), null, null, null),
                Outcome.retryAt(sms.get(4), clock.instant(), clock.instant().plusSeconds(5), "gw-a", "busy"),
                Outcome.notSent(sms.get(5), DeliveryStatus.FAILED, clock.instant(), "gw-b", "rejected"),
                Outcome.sent(email, clock.instant(), "smtp", "m", null),
                Outcome.sent(other, clock.instant(), "gw-a", "9", null)));
        // Fenced out (written twice): not counted twice. A bounce after the send still cost the send.
        stores.queue().record(List.of(Outcome.sent(sms.get(0), clock.instant(), "gw-a", "1", null)));
        stores.notifications().recordReceipt(TENANT, sms.get(2).id(), DeliveryStatus.FAILED, clock.instant(),
                "bounced");

        List<ProviderSends> live = stores.stats().sentByProvider(TENANT, DAY, DAY);

        assertThat(live).containsExactlyInAnyOrder(new ProviderSends(Channel.SMS, "gw-a", 2),
                new ProviderSends(Channel.SMS, "gw-b", 1), new ProviderSends(Channel.SMS, null, 1),
                new ProviderSends(Channel.EMAIL, "smtp", 1));
        assertThat(live.stream().filter(p -> p.channel() == Channel.SMS).mapToLong(ProviderSends::sent).sum())
                .isEqualTo(counts(Channel.SMS, null).sent());
        assertThat(stores.stats().sentByProvider(TENANT, DAY.plusDays(1), DAY.plusDays(2))).isEmpty();
        assertThat(stores.stats().sentByProvider(OTHER_TENANT, DAY, DAY))
                .containsExactly(new ProviderSends(Channel.SMS, "gw-a", 1));

        stores.statsRebuild().rebuild(TENANT);

        assertThat(stores.stats().sentByProvider(TENANT, DAY, DAY)).containsExactlyElementsOf(live);
        assertThat(stores.stats().sentByProvider(OTHER_TENANT, DAY, DAY))
                .containsExactly(new ProviderSends(Channel.SMS, "gw-a", 1));
    }

    @Test
    void laneDepthCountsWhatIsDueNowAndHowLongTheOldestWaited() {
        stores.notifications().save(TENANT, List.of(aNotification().priority(Priority.HIGH).to("a", "b").build()));
        clock.advance(Duration.ofSeconds(40));
        stores.notifications().save(TENANT, List.of(aNotification().sendAt(clock.instant().plusSeconds(60)).build()));
        stores.notifications().save(OTHER_TENANT, List.of(aNotification().tenant(OTHER_TENANT)
                .priority(Priority.HIGH).build()));

        List<LaneDepth> depths = stores.lanes().at(TENANT, clock.instant());

        assertThat(depths).extracting(LaneDepth::lane).containsExactly(Priority.values());
        LaneDepth high = depths.stream().filter(d -> d.lane() == Priority.HIGH).findFirst().orElseThrow();
        assertThat(high.due()).isEqualTo(2);
        assertThat(high.oldestDue()).isEqualTo(Duration.ofSeconds(40));
        assertThat(depths.stream().filter(d -> d.lane() != Priority.HIGH).mapToLong(LaneDepth::due).sum()).isZero();
    }

    @Test
    void laneDepthOverEveryTenantIsTheSameCountWithoutTheTenantFilter() {
        stores.notifications().save(TENANT, List.of(aNotification().priority(Priority.HIGH).to("a", "b").build()));
        clock.advance(Duration.ofSeconds(40));
        stores.notifications().save(OTHER_TENANT, List.of(aNotification().tenant(OTHER_TENANT)
                .priority(Priority.HIGH).build()));
        stores.notifications().save(OTHER_TENANT, List.of(aNotification().tenant(OTHER_TENANT)
                .sendAt(clock.instant().plusSeconds(60)).build()));
        clock.advance(Duration.ofSeconds(5));

        List<LaneDepth> all = stores.lanes().everyTenant(clock.instant());

        assertThat(all).extracting(LaneDepth::lane).containsExactly(Priority.values());
        LaneDepth high = all.stream().filter(d -> d.lane() == Priority.HIGH).findFirst().orElseThrow();
        assertThat(high.due()).isEqualTo(3);
        assertThat(high.oldestDue()).isEqualTo(Duration.ofSeconds(45));
        assertThat(all.stream().filter(d -> d.lane() != Priority.HIGH).mapToLong(LaneDepth::due).sum()).isZero();
        assertThat(all.stream().filter(d -> d.lane() != Priority.HIGH).map(LaneDepth::oldestDue))
                .containsOnly(Duration.ZERO);
        // Per tenant, the two add up to the whole.
        assertThat(stores.lanes().at(TENANT, clock.instant()).get(Priority.HIGH.ordinal()).due()
                + stores.lanes().at(OTHER_TENANT, clock.instant()).get(Priority.HIGH.ordinal()).due())
                .isEqualTo(high.due());
    }

    @Test
    void eachTenantSeesOnlyItsOwnRowsAndTheQueryFilters() {
        stores.notifications().save(OTHER_TENANT, List.of(aNotification().tenant(OTHER_TENANT).build()));
        stores.notifications().save(TENANT, List.of(aNotification().type("a").build(),
                aNotification().type("b").build()));

        assertThat(stores.stats().daily(TENANT, StatsQuery.days(DAY, DAY))).extracting(DailyDeliveryStats::type)
                .containsExactly("a", "b");
        assertThat(stores.stats().daily(TENANT, new StatsQuery(DAY, DAY, null, "b"))).hasSize(1);
        assertThat(stores.stats().daily(TENANT, StatsQuery.days(DAY.plusDays(1), DAY.plusDays(2)))).isEmpty();
        assertThat(stores.stats().daily(OTHER_TENANT, StatsQuery.days(DAY, DAY))).hasSize(1);
    }
}
