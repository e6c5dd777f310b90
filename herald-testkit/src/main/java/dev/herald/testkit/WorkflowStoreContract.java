package dev.herald.testkit;

import dev.herald.core.digest.DigestContent;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.dispatch.WorkflowSteps;
import dev.herald.core.intake.WorkflowStart;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Message;
import dev.herald.core.model.PassingFailures;
import dev.herald.core.model.Priority;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.Cancellation;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.DeliveryView;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;
import dev.herald.core.notification.NotificationView;
import dev.herald.core.workflow.StepEntry;
import dev.herald.core.workflow.StepState;
import dev.herald.core.workflow.WorkflowStep;
import dev.herald.core.workflow.WorkflowStore.Fired;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workflow runs: what intake starts is written with the notification, each due step runs exactly once on a worker
 * (releasing, skipping or digesting its held deliveries), reading ends a wait-until-read, cancelling ends the run.
 */
public abstract class WorkflowStoreContract extends StoreContract {
    private static final String TYPE = "order.shipped";
    private static final List<WorkflowStep> ESCALATION = List.of(WorkflowStep.send(Channel.IN_APP),
            WorkflowStep.wait(Duration.ofMinutes(15), true), WorkflowStep.send(Channel.EMAIL).skippedIfRead(),
            WorkflowStep.send(Channel.SMS).onlyIfCritical(true));

    /** A notification to ann on every channel its steps reach, started as intake starts it. */
    private NewNotification started(Priority priority, List<WorkflowStep> steps) {
        return started(priority, steps, null);
    }

    /** A critical type travels on the CRITICAL lane; any other on the lane asked. */
    private NewNotification started(Priority priority, List<WorkflowStep> steps, Instant quietUntil) {
        return started(TENANT, priority, priority == Priority.CRITICAL, steps, quietUntil);
    }

    private NewNotification started(TenantId tenant, Priority priority, List<WorkflowStep> steps, Instant quietUntil) {
        return started(tenant, priority, priority == Priority.CRITICAL, steps, quietUntil);
    }

    private NewNotification started(Priority priority, boolean critical, List<WorkflowStep> steps,
                                    Instant quietUntil) {
        return started(TENANT, priority, critical, steps, quietUntil);
    }

    /**
     * @param critical   whether the type is critical (not the lane: a non-critical type may be sent CRITICAL)
     * @param quietUntil when set, the email was planned SCHEDULED until then (ann's quiet hours)
     */
    private NewNotification started(TenantId tenant, Priority priority, boolean critical, List<WorkflowStep> steps,
                                    Instant quietUntil) {
        UUID id = ids.next();
        Instant now = clock.instant();
        List<Delivery> planned = new ArrayList<>();
        for (WorkflowStep step : steps) {
            if (step.channel() != null) {
                String address = switch (step.channel()) {
                    case EMAIL -> "ann@example.com";
                    case SMS -> "+15550100";
                    default -> "ann";
                };
                Delivery.Planned to = Delivery.planned(ids.next(), id, step.channel(), priority, "ann", address);
                Message message = new Message("Shipped", "Your order shipped", null);
                planned.add(quietUntil != null && step.channel() == Channel.EMAIL
                        ? to.scheduled(quietUntil, message, "quiet hours until " + quietUntil, now, null)
                        : to.queued(now, message, now, null));
            }
        }
        WorkflowStart.Started run = WorkflowStart.begin(steps, planned, TYPE, critical, now);
        NewNotification n = new NewNotification(new Notification(id, tenant, TYPE, priority, null, now, null, null,
                critical), run.deliveries(), run.run());
        stores.notifications().save(tenant, List.of(n));
        return n;
    }

    private NotificationView find(NewNotification n) {
        return stores.notifications().find(n.notification().tenant(), n.notification().id()).orElseThrow();
    }

    private DeliveryView delivery(NewNotification n, Channel channel) {
        return find(n).deliveries().stream().filter(d -> d.channel() == channel).findFirst().orElseThrow();
    }

    private List<StepState> states(NewNotification n) {
        return find(n).steps().stream().map(StepEntry::state).toList();
    }

    private List<Fired> runAll() {
        List<Fired> fired = new ArrayList<>();
        Optional<Fired> next;
        while ((next = stores.workflows().runNext(clock.instant())).isPresent()) {
            fired.add(next.get());
        }
        return fired;
    }

    private List<ClaimedDelivery> claim(Priority lane) {
        return stores.queue().claim(lane, 100, clock.instant(), Duration.ofSeconds(30), "w");
    }

    private void sendAndRead(NewNotification n, Channel channel) {
        ClaimedDelivery taken = claim(n.notification().priority()).stream().filter(d -> d.channel() == channel)
                .findFirst().orElseThrow();
        stores.queue().record(List.of(Outcome.sent(taken, clock.instant(), "inbox", null, null)));
        assertThat(stores.notifications().recordReceipt(TENANT, taken.id(), DeliveryStatus.READ, clock.instant(),
                "read in the inbox")).isTrue();
    }

    @Test
    void aStepRowThisVersionCannotReadIsShownAsUnknownAndTheRestOfTheRunAsStored() {
        NewNotification n = started(Priority.NORMAL, ESCALATION);
        UUID id = n.notification().id();
        // A newer version's kind on step 2, a newer version's state on step 3; step 4's channel is damaged.
        stores.rawRows().update("UPDATE workflow_step SET kind = 'GUESS' WHERE notification_id = ?"
                + " AND step_index = 1", id);
        stores.rawRows().update("UPDATE workflow_step SET state = 'PONDERING' WHERE notification_id = ?"
                + " AND step_index = 2", id);
        stores.rawRows().update("UPDATE workflow_step SET channel = 'PIGEON' WHERE notification_id = ?"
                + " AND step_index = 3", id);

        List<StepEntry> steps = find(n).steps();

        assertThat(steps).extracting(e -> e.step().kind()).containsExactly(WorkflowStep.Kind.SEND,
                WorkflowStep.Kind.UNKNOWN, WorkflowStep.Kind.SEND, WorkflowStep.Kind.UNKNOWN);
        assertThat(steps).extracting(StepEntry::state).containsExactly(StepState.DONE, StepState.DUE,
                StepState.UNKNOWN, StepState.WAITING);
        assertThat(steps.get(1).dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(steps.get(1).line()).isEqualTo("step 2 " + WorkflowStep.UNREADABLE + ": due");
        assertThat(steps.get(1).step().written()).containsEntry("unknown", WorkflowStep.UNREADABLE);
        assertThat(find(n).deliveries()).hasSize(3);
    }

    @Test
    void theFirstSendGoesOutAtOnceAndLaterStepsWaitForTheirTimer() {
        NewNotification n = started(Priority.NORMAL, ESCALATION);

        assertThat(states(n)).containsExactly(StepState.DONE, StepState.DUE, StepState.WAITING, StepState.WAITING);
        assertThat(find(n).steps().get(1).dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(delivery(n, Channel.EMAIL).status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(delivery(n, Channel.EMAIL).lastError()).isEqualTo("waiting for workflow step 3");
        // Only the in-app message is claimable, however late it gets; nothing is due before the wait ends.
        clock.advance(Duration.ofMinutes(14));
        assertThat(claim(Priority.NORMAL)).extracting(ClaimedDelivery::channel).containsExactly(Channel.IN_APP);
        assertThat(stores.workflows().runNext(clock.instant())).isEmpty();
    }

    @Test
    void anUnreadNotificationEscalatesWhenTheWaitTimesOut() {
        NewNotification n = started(Priority.NORMAL, ESCALATION);
        clock.advance(Duration.ofMinutes(15));

        List<Fired> fired = runAll();

        assertThat(fired).extracting(Fired::step).containsExactly(1, 2, 3);
        assertThat(fired.get(1).released()).containsExactly(Priority.NORMAL);
        List<StepEntry> steps = find(n).steps();
        assertThat(steps).extracting(StepEntry::state)
                .containsExactly(StepState.DONE, StepState.DONE, StepState.DONE, StepState.SKIPPED);
        assertThat(steps.get(1).line()).isEqualTo("step 2 wait PT15M until READ: ended after PT15M, not read");
        assertThat(steps.get(3).line()).isEqualTo("step 4 send SMS if critical is true: skipped, type not critical");
        assertThat(claim(Priority.NORMAL)).extracting(ClaimedDelivery::channel)
                .containsExactlyInAnyOrder(Channel.IN_APP, Channel.EMAIL);
        assertThat(delivery(n, Channel.SMS).status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(delivery(n, Channel.SMS).lastError()).isEqualTo("workflow step 4 skipped, type not critical");
    }

    @Test
    void readingEndsTheWaitAndSkipsTheSendUnlessRead() {
        NewNotification n = started(Priority.NORMAL, ESCALATION);
        clock.advance(Duration.ofMinutes(3));
        Instant readAt = clock.instant();
        sendAndRead(n, Channel.IN_APP);

        // The wait's timer moved to the moment of reading: the next step runs now, not in twelve minutes.
        assertThat(find(n).steps().get(1).dueAt()).isEqualTo(readAt);
        runAll();

        List<StepEntry> steps = find(n).steps();
        assertThat(steps).extracting(StepEntry::state)
                .containsExactly(StepState.DONE, StepState.DONE, StepState.SKIPPED, StepState.SKIPPED);
        assertThat(steps.get(1).outcome()).isEqualTo("ended, read at " + readAt);
        assertThat(steps.get(2).outcome()).isEqualTo("skipped, notification was read at " + readAt);
        assertThat(delivery(n, Channel.EMAIL).status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        clock.advance(Duration.ofHours(1));
        assertThat(claim(Priority.NORMAL)).isEmpty();
        assertThat(find(n).allFinal()).isTrue();
    }

    @Test
    void aWaitUntilReadReachedAfterTheReadEndsAtOnce() {
        NewNotification n = started(Priority.NORMAL, List.of(WorkflowStep.send(Channel.IN_APP),
                WorkflowStep.delay(Duration.ofMinutes(1)), WorkflowStep.wait(Duration.ofMinutes(10), true),
                WorkflowStep.send(Channel.EMAIL).skippedIfRead()));
        Instant readAt = clock.instant();
        sendAndRead(n, Channel.IN_APP);
        clock.advance(Duration.ofMinutes(1));

        assertThat(runAll()).hasSize(3);

        assertThat(states(n)).containsExactly(StepState.DONE, StepState.DONE, StepState.DONE, StepState.SKIPPED);
        assertThat(find(n).steps().get(2).outcome()).isEqualTo("ended, read at " + readAt);
    }

    @Test
    void aReleasedDeliveryStillWaitsForTheEndOfQuietHours() {
        Instant quietEnd = T0.plus(Duration.ofHours(8));
        NewNotification n = started(Priority.NORMAL, List.of(WorkflowStep.send(Channel.IN_APP),
                WorkflowStep.wait(Duration.ofMinutes(15), true), WorkflowStep.send(Channel.EMAIL)), quietEnd);
        clock.advance(Duration.ofMinutes(15));

        runAll();

        assertThat(states(n)).containsOnly(StepState.DONE);
        assertThat(delivery(n, Channel.EMAIL).status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(delivery(n, Channel.EMAIL).lastError()).isEqualTo("workflow step 3 reached; quiet hours until "
                + quietEnd);
        assertThat(claim(Priority.NORMAL)).extracting(ClaimedDelivery::channel).containsExactly(Channel.IN_APP);
        clock.set(quietEnd);
        assertThat(claim(Priority.NORMAL)).extracting(ClaimedDelivery::channel).contains(Channel.EMAIL);
    }

    @Test
    void aCriticalNotificationAlsoGetsTheCriticalOnlySend() {
        NewNotification n = started(Priority.CRITICAL, ESCALATION);
        clock.advance(Duration.ofMinutes(15));

        runAll();

        assertThat(states(n)).containsOnly(StepState.DONE);
        assertThat(claim(Priority.CRITICAL)).extracting(ClaimedDelivery::channel)
                .containsExactlyInAnyOrder(Channel.IN_APP, Channel.EMAIL, Channel.SMS);
    }

    @Test
    void aNonCriticalTypeSentOnTheCriticalLaneIsNotCriticalToItsSteps() {
        NewNotification n = started(Priority.CRITICAL, false, ESCALATION, null);
        clock.advance(Duration.ofMinutes(15));

        runAll();

        assertThat(states(n)).containsExactly(StepState.DONE, StepState.DONE, StepState.DONE, StepState.SKIPPED);
        assertThat(find(n).steps().get(3).line())
                .isEqualTo("step 4 send SMS if critical is true: skipped, type not critical");
        assertThat(delivery(n, Channel.SMS).status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(claim(Priority.CRITICAL)).extracting(ClaimedDelivery::channel)
                .containsExactlyInAnyOrder(Channel.IN_APP, Channel.EMAIL);
    }

    @Test
    void aDelayHoldsEveryLaterSend() {
        NewNotification n = started(Priority.NORMAL, List.of(WorkflowStep.delay(Duration.ofMinutes(10)),
                WorkflowStep.send(Channel.EMAIL)));
        assertThat(states(n)).containsExactly(StepState.DUE, StepState.WAITING);

        clock.advance(Duration.ofMinutes(9));
        assertThat(runAll()).isEmpty();
        assertThat(claim(Priority.NORMAL)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(runAll()).hasSize(2);
        assertThat(find(n).steps().getFirst().outcome()).isEqualTo("ended after PT10M");
        assertThat(claim(Priority.NORMAL)).extracting(ClaimedDelivery::channel).containsExactly(Channel.EMAIL);
        assertThat(delivery(n, Channel.EMAIL).history()).extracting(h -> h.status())
                .containsExactly(DeliveryStatus.SCHEDULED, DeliveryStatus.QUEUED);
    }

    @Test
    void aDigestStepPutsEachNotificationInOneDigestExactlyOnce() {
        List<WorkflowStep> steps = List.of(WorkflowStep.send(Channel.IN_APP), WorkflowStep.delay(Duration.ofMinutes(1)),
                WorkflowStep.digest(Channel.EMAIL, Duration.ofHours(1)));
        NewNotification first = started(Priority.NORMAL, steps);
        NewNotification second = started(Priority.NORMAL, steps);
        clock.advance(Duration.ofMinutes(1));
        runAll();
        assertThat(states(first)).containsOnly(StepState.DONE);
        assertThat(stores.digests().dueDigests(clock.instant(), 10)).isEmpty();

        clock.advance(Duration.ofHours(1));
        List<DigestStore.DigestRef> due = stores.digests().dueDigests(clock.instant(), 10);
        assertThat(due).singleElement();
        DigestStore.Collapsed digest = stores.digests().collapse(due.getFirst(), clock.instant(), ids.next(),
                new DigestContent()::render).orElseThrow();

        assertThat(digest.items()).isEqualTo(2);
        assertThat(stores.digests().collapse(due.getFirst(), clock.instant(), ids.next(),
                new DigestContent()::render)).isEmpty();
        assertThat(delivery(first, Channel.EMAIL).status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(delivery(second, Channel.EMAIL).status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(claim(Priority.NORMAL)).filteredOn(d -> d.channel() == Channel.EMAIL).singleElement()
                .satisfies(d -> assertThat(d.id()).isEqualTo(digest.deliveryId()));
    }

    @Test
    void cancellingEndsTheRunAndItsHeldDeliveries() {
        NewNotification n = started(Priority.NORMAL, ESCALATION);
        clock.advance(Duration.ofMinutes(5));

        Cancellation cancelled = stores.notifications().cancel(TENANT, n.notification().id(), clock.instant())
                .orElseThrow();

        assertThat(cancelled.cancelled()).hasSize(3);
        assertThat(states(n)).containsExactly(StepState.DONE, StepState.CANCELLED, StepState.CANCELLED,
                StepState.CANCELLED);
        clock.advance(Duration.ofHours(1));
        assertThat(runAll()).isEmpty();
        assertThat(claim(Priority.NORMAL)).isEmpty();
    }

    @Test
    void eachStepRunsExactlyOnceWhateverTheNumberOfWorkers() throws Exception {
        List<NewNotification> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(started(Priority.NORMAL, ESCALATION));
        }
        clock.advance(Duration.ofMinutes(15));
        List<Fired> fired = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(workers.submit(() -> {
                    // A worker that finds nothing due may be early: another holds the step before it. Keep asking
                    // until every run has finished.
                    for (int empty = 0; empty < 200 && fired.size() < 60; ) {
                        Optional<Fired> next = stores.workflows().runNext(clock.instant());
                        next.ifPresentOrElse(fired::add, () -> {
                        });
                        empty += next.isPresent() ? 0 : 1;
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(fired).hasSize(60);
        assertThat(fired.stream().map(f -> f.notificationId() + "/" + f.step()).distinct()).hasSize(60);
        for (NewNotification n : runs) {
            assertThat(delivery(n, Channel.EMAIL).history()).extracting(h -> h.status())
                    .containsExactly(DeliveryStatus.SCHEDULED, DeliveryStatus.QUEUED);
        }
    }

    @Test
    void anotherTenantSeesNoneOfTheRun() {
        NewNotification n = started(Priority.NORMAL, ESCALATION);

        assertThat(stores.notifications().find(OTHER_TENANT, n.notification().id())).isEmpty();
        assertThat(stores.notifications().cancel(OTHER_TENANT, n.notification().id(), clock.instant())).isEmpty();
        assertThat(states(n)).containsExactly(StepState.DONE, StepState.DUE, StepState.WAITING, StepState.WAITING);
    }

    @Test
    void aStepThatFailsEveryTimeIsRetriedWithBackoffThenSetAsideWhileOtherTenantsStepsRun() {
        List<WorkflowStep> steps = List.of(WorkflowStep.send(Channel.IN_APP), WorkflowStep.delay(Duration.ofMinutes(1)),
                WorkflowStep.send(Channel.EMAIL), WorkflowStep.send(Channel.SMS));
        // The poisoned run's timer is the earliest due: without isolation it would end every round.
        NewNotification poisoned = started(TENANT, Priority.NORMAL, steps, null);
        UUID held = delivery(poisoned, Channel.EMAIL).id();
        stores.rawRows().update("UPDATE delivery SET lane = 'BOGUS' WHERE id = ?", held);
        clock.advance(Duration.ofSeconds(1));
        NewNotification healthy = started(OTHER_TENANT, Priority.NORMAL, steps, null);
        NewNotification alsoHealthy = started(OTHER_TENANT, Priority.NORMAL, steps, null);
        clock.advance(Duration.ofMinutes(1));
        WorkflowSteps runner = new WorkflowSteps(stores.workflows(), new LaneSignals(), clock, Duration.ofSeconds(1),
                new RetryThenSetAside(3, Duration.ofMinutes(1), Duration.ofMinutes(10)), PassingFailures.none());

        // Three steps of each healthy run, and the poisoned run's delay; its email step failed.
        assertThat(runner.runDue()).isEqualTo(7);

        assertThat(states(healthy)).containsOnly(StepState.DONE);
        assertThat(states(alsoHealthy)).containsOnly(StepState.DONE);
        assertThat(delivery(healthy, Channel.EMAIL).status()).isEqualTo(DeliveryStatus.QUEUED);
        StepEntry failing = find(poisoned).steps().get(2);
        assertThat(failing.state()).isEqualTo(StepState.DUE);
        assertThat(failing.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(failing.outcome()).startsWith("attempt 1 of 3 failed (").contains("Exception")
                .endsWith("; tried again at " + failing.dueAt());
        // Backoff: not tried again before its time, then after a doubled pause.
        assertThat(runner.runDue()).isZero();
        assertThat(runner.failedAttempts()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        runner.runDue();
        assertThat(find(poisoned).steps().get(2).dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        runner.runDue();

        assertThat(runner.failedAttempts()).isEqualTo(3);
        assertThat(runner.setAside()).isEqualTo(1);
        List<StepEntry> ended = find(poisoned).steps();
        assertThat(ended).extracting(StepEntry::state)
                .containsExactly(StepState.DONE, StepState.DONE, StepState.SET_ASIDE, StepState.SET_ASIDE);
        assertThat(ended.get(2).outcome()).startsWith("set aside after 3 failed attempts: ").contains("Exception");
        assertThat(ended.get(2).dueAt()).isNull();
        assertThat(ended.get(3).outcome()).isEqualTo("not reached, workflow step 3 was set aside");
        // Nothing accepted is left hanging: the held deliveries of the step and of the one after it are final.
        for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
            DeliveryView d = delivery(poisoned, channel);
            assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.lastError()).isEqualTo("workflow step 3 " + ended.get(2).outcome());
            assertThat(d.history()).extracting(h -> h.status())
                    .containsExactly(DeliveryStatus.SCHEDULED, DeliveryStatus.FAILED);
        }
        assertThat(stores.failures().list(TENANT, 10, null).items())
                .as("listed with the tenant's recent failures, as every FAILED delivery is")
                .extracting(f -> f.notificationId()).containsOnly(poisoned.notification().id()).hasSize(2);
        clock.advance(Duration.ofHours(1));
        assertThat(runner.runDue()).isZero();
        assertThat(runner.failedAttempts()).isEqualTo(3);
    }

    @Test
    void aFailureThatPassesWaitsItsBackoffButUsesUpNoAttempt() {
        List<WorkflowStep> steps = List.of(WorkflowStep.send(Channel.IN_APP), WorkflowStep.delay(Duration.ofMinutes(1)),
                WorkflowStep.send(Channel.EMAIL));
        NewNotification n = started(TENANT, Priority.NORMAL, steps, null);
        stores.rawRows().update("UPDATE delivery SET lane = 'BOGUS' WHERE id = ?", delivery(n, Channel.EMAIL).id());
        clock.advance(Duration.ofMinutes(1));
        RetryThenSetAside rule = new RetryThenSetAside(2, Duration.ofMinutes(1), Duration.ofMinutes(4));
        // Told that this failure passes by itself, as a database outage does.
        WorkflowSteps runner = new WorkflowSteps(stores.workflows(), new LaneSignals(), clock, Duration.ofSeconds(1),
                rule, failure -> true);

        runner.runDue();
        for (int round = 0; round < 5; round++) {
            clock.advance(Duration.ofMinutes(1));
            runner.runDue();
        }

        StepEntry waiting = find(n).steps().get(2);
        assertThat(waiting.state()).as("never set aside, however often it failed").isEqualTo(StepState.DUE);
        assertThat(runner.failedAttempts()).isEqualTo(6);
        assertThat(runner.setAside()).isZero();
        assertThat(waiting.outcome()).startsWith("a passing failure (").contains("), not counted (0 of 2 attempts")
                .endsWith("; tried again at " + waiting.dueAt());
        assertThat(waiting.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(stores.rawRows().number("SELECT attempts FROM workflow_step WHERE notification_id = ?"
                + " AND step_index = 2", n.notification().id())).isZero();

        // The same failure, counted, sets it aside after its two attempts.
        WorkflowSteps counting = new WorkflowSteps(stores.workflows(), new LaneSignals(), clock,
                Duration.ofSeconds(1), rule, PassingFailures.none());
        clock.advance(Duration.ofMinutes(1));
        counting.runDue();
        clock.advance(Duration.ofMinutes(2));
        counting.runDue();
        assertThat(find(n).steps().get(2).state()).isEqualTo(StepState.SET_ASIDE);
    }
}
