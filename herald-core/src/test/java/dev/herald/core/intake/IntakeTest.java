package dev.herald.core.intake;

import dev.herald.core.request.Violation;
import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.ContentSpec;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.DuplicateIdempotencyKeyException;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.NotificationSearch;
import dev.herald.core.notification.Notification;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.recipients.RecipientResolver;
import dev.herald.core.recipients.User;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.rendering.LiteralContent;
import dev.herald.core.routing.DeliveryPlanner;
import dev.herald.core.suppression.SuppressionCheck;
import dev.herald.core.templates.TemplateContent;
import dev.herald.core.templates.TemplateKey;
import dev.herald.core.templates.TemplateStore;
import dev.herald.core.templates.TemplateVersion;
import dev.herald.core.types.TypeCatalog;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.DeliveryView;
import dev.herald.core.notification.NotificationPage;
import dev.herald.core.notification.NotificationView;
import dev.herald.core.notification.StatusChange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import dev.herald.core.digest.DigestRules;
import dev.herald.core.notification.Cancellation;
import dev.herald.core.notification.DeliveryRef;
import dev.herald.core.notification.IdempotentRequest;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.recipients.Device;
import dev.herald.core.recipients.DeviceRegistry;
import dev.herald.core.routing.FixedAddresses;
import dev.herald.core.types.NotificationType;
import dev.herald.core.workflow.StepEntry;
import dev.herald.core.workflow.StepState;
import dev.herald.core.workflow.WorkflowRun;
import dev.herald.core.workflow.WorkflowStep;
import java.time.LocalTime;

class IntakeTest {
    private static final TenantId TENANT = TenantId.defaultTenant();
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");

    private final SettableClock clock = new SettableClock(NOW);
    private final IdGenerator ids = new IdGenerator(clock);
    private final FakeNotificationStore store = new FakeNotificationStore();
    private final FakeUserDirectory users = new FakeUserDirectory();
    private final LaneSignals signals = new LaneSignals();
    private final Intake intake = new Intake(
            new RequestRules(IntakeLimits.defaults(), new AddressRules()),
            new RecipientResolver(users, new NoDevices()),
            new DeliveryPlanner(ids, new LiteralContent(), FixedAddresses.NONE),
            store, signals, ids, clock, Duration.ofHours(24), TypeCatalog.NONE, NO_TEMPLATES);

    /** Requests here bring their content; an empty template store is what a tenant without templates has. */
    private static final TemplateContent NO_TEMPLATES = new TemplateContent(new NoTemplates(), source -> {
        throw new AssertionError("no template to compile");
    });

    private static NotificationRequest request(List<RecipientSpec> recipients, List<String> channels,
                                               String priority, String idempotencyKey) {
        return new NotificationRequest("order.shipped", recipients, channels, priority, Map.of(),
                new ContentSpec("Shipped", "Your order is on its way", null), idempotencyKey);
    }

    private static NotificationRequest toUser(String userId, String... channels) {
        return request(List.of(RecipientSpec.user(userId)), List.of(channels), null, null);
    }

    private static NotificationRequest invalidRequest() {
        return new NotificationRequest(null, List.of(RecipientSpec.user("ada")), List.of("EMAIL"), null, Map.of(),
                new ContentSpec("Shipped", "Your order is on its way", null), null);
    }

    private void givenUser(String id, String email, String phone) {
        users.put(TENANT, new User(id, email, phone, "en", "Europe/London", NOW));
    }

    // --- accept -----------------------------------------------------------------------------------------------

    @Test
    void everyRecipientGetsOneDeliveryPerChannelQueuedForNow() {
        // given
        givenUser("ada", "ada@example.com", "+447700900001");
        givenUser("bob", "bob@example.com", "+447700900002");
        NotificationRequest request = request(List.of(RecipientSpec.user("ada"), RecipientSpec.user("bob")),
                List.of("EMAIL", "SMS"), null, null);

        // when
        Accepted accepted = intake.accept(TENANT, request);

        // then
        assertThat(accepted.replayed()).isFalse();
        assertThat(accepted.notification().deliveries())
                .extracting(DeliveryView::userId, DeliveryView::channel, DeliveryView::status)
                .containsExactlyInAnyOrder(
                        tuple("ada", Channel.EMAIL, DeliveryStatus.QUEUED),
                        tuple("ada", Channel.SMS, DeliveryStatus.QUEUED),
                        tuple("bob", Channel.EMAIL, DeliveryStatus.QUEUED),
                        tuple("bob", Channel.SMS, DeliveryStatus.QUEUED));
        assertThat(store.savedDeliveries()).hasSize(4).allSatisfy(d -> assertThat(d.dueAt()).isEqualTo(NOW));
    }

    @Test
    void aRecipientWithNoAddressOnAChannelGetsAFailedDeliveryNamingTheChannel() {
        // given: ada has an email address but no phone
        givenUser("ada", "ada@example.com", null);

        // when
        Accepted accepted = intake.accept(TENANT, toUser("ada", "EMAIL", "SMS"));

        // then
        DeliveryView sms = deliveryOn(accepted, Channel.SMS);
        assertThat(sms.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(sms.lastError()).contains("SMS");
        assertThat(deliveryOn(accepted, Channel.EMAIL).status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(store.savedDeliveries()).filteredOn(d -> d.channel() == Channel.SMS)
                .singleElement().satisfies(d -> assertThat(d.dueAt()).isNull());
    }

    @Test
    void anUnknownUserIsRefusedAndNothingIsSaved() {
        // given: the directory is empty
        NotificationRequest request = toUser("ghost", "EMAIL");

        // when / then
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> intake.accept(TENANT, request))
                .satisfies(e -> assertThat(e.violations()).extracting(Violation::field, Violation::rule)
                        .containsExactly(tuple("recipients[0].userId", "unknown-user")));
        assertThat(store.saveCalls).isEmpty();
        assertThat(store.saved).isEmpty();
    }

    @Test
    void repeatingAnIdempotencyKeyReturnsTheOriginalAndSavesNothingNew() {
        // given
        givenUser("ada", "ada@example.com", null);
        NotificationRequest request = request(List.of(RecipientSpec.user("ada")), List.of("EMAIL"), null, "order-42");
        Accepted first = intake.accept(TENANT, request);

        // when
        Accepted again = intake.accept(TENANT, request);

        // then
        assertThat(again.replayed()).isTrue();
        assertThat(again.notification().id()).isEqualTo(first.notification().id());
        assertThat(store.saveCalls).hasSize(1);
        assertThat(store.saved).hasSize(1);
    }

    @Test
    void aTypeFillsInChannelsAndPriorityAndACriticalTypeAlwaysTakesTheCriticalLane() {
        givenUser("ada", "ada@example.com", "+821012345678");
        Map<String, NotificationType> rules = Map.of(
                "order.shipped", new NotificationType("order.shipped",
                        List.of(Channel.SMS), false, Priority.HIGH, false, List.of("buyerId"),
                        Map.of(), null, null, NOW),
                "security.alert", new NotificationType("security.alert", List.of(), true,
                        Priority.CRITICAL, true, List.of("userId"), Map.of(), null, null, NOW));
        Intake typed = new Intake(new RequestRules(IntakeLimits.defaults(), new AddressRules()),
                new RecipientResolver(users, new NoDevices()),
                new DeliveryPlanner(ids, new LiteralContent(), FixedAddresses.NONE),
                store, signals, ids, clock, Duration.ofHours(24),
                (tenant, type) -> Optional.ofNullable(rules.get(type)), NO_TEMPLATES);

        Accepted shipped = typed.accept(TENANT, new NotificationRequest("order.shipped",
                List.of(RecipientSpec.user("ada")), null, null, Map.of(),
                new ContentSpec("Shipped", "On its way", null), null));
        Accepted alert = typed.accept(TENANT, new NotificationRequest("security.alert",
                List.of(RecipientSpec.user("ada")), null, "LOW", Map.of(),
                new ContentSpec("New sign-in", "From Seoul", null), null));
        Accepted hurried = typed.accept(TENANT, new NotificationRequest("order.shipped",
                List.of(RecipientSpec.user("ada")), null, "CRITICAL", Map.of(),
                new ContentSpec("Shipped", "On its way", null), null));
        Throwable untyped = org.assertj.core.api.Assertions.catchThrowable(() -> typed.accept(TENANT,
                new NotificationRequest("no.such.type", List.of(RecipientSpec.user("ada")), null, null, Map.of(),
                        new ContentSpec("x", "y", null), null)));

        assertThat(shipped.notification().priority()).isEqualTo(Priority.HIGH);
        assertThat(shipped.notification().deliveries()).extracting(d -> d.channel())
                .containsExactly(Channel.SMS);
        // Every channel Ada has an address for (email and phone: EMAIL, SMS, KAKAO, IN_APP, WEBHOOK), and no
        // FAILED deliveries for the ones she has not.
        assertThat(alert.notification().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(alert.notification().deliveries()).extracting(d -> d.channel()).contains(
                Channel.EMAIL, Channel.SMS)
                .doesNotContain(Channel.PUSH, Channel.SLACK);
        assertThat(alert.notification().deliveries()).extracting(d -> d.status().name()).doesNotContain("FAILED");
        // Critical is the type's flag: a non-critical type asked CRITICAL gets the lane, not the exemptions.
        assertThat(store.saved.get(alert.notification().id()).notification().critical()).isTrue();
        assertThat(hurried.notification().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(store.saved.get(hurried.notification().id()).notification().critical()).isFalse();
        assertThat(store.saved.get(shipped.notification().id()).notification().critical()).isFalse();
        assertThat(untyped).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.violations().getFirst().field()).isEqualTo("channels"));
    }

    @Test
    void aWorkflowTypeSendsItsFirstStepAtOnceAndHoldsTheRestWhileARequestNamingChannelsSendsThemAll() {
        givenUser("ada", "ada@example.com", "+821012345678");
        NotificationType escalating = new NotificationType("order.shipped", List.of(), false, Priority.NORMAL, false,
                List.of("userId"), Map.of(), null, null, NOW, List.of(WorkflowStep.send(Channel.IN_APP),
                WorkflowStep.wait(Duration.ofMinutes(15), true), WorkflowStep.send(Channel.EMAIL).skippedIfRead()));
        Intake typed = new Intake(new RequestRules(IntakeLimits.defaults(), new AddressRules()),
                new RecipientResolver(users, new NoDevices()),
                new DeliveryPlanner(ids, new LiteralContent(), FixedAddresses.NONE),
                store, signals, ids, clock, Duration.ofHours(24),
                (tenant, type) -> Optional.of(escalating), NO_TEMPLATES);

        Accepted flow = typed.accept(TENANT, request(List.of(RecipientSpec.user("ada")), null, null, null));
        Accepted direct = typed.accept(TENANT, toUser("ada", "EMAIL"));

        NewNotification saved = store.saved.get(flow.notification().id());
        assertThat(saved.deliveries()).extracting(Delivery::channel, Delivery::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Channel.IN_APP, DeliveryStatus.QUEUED),
                org.assertj.core.groups.Tuple.tuple(Channel.EMAIL, DeliveryStatus.SCHEDULED));
        assertThat(saved.deliveries().get(1).dueAt()).isNull();
        assertThat(saved.run().holds()).singleElement()
                .isEqualTo(new WorkflowRun.Hold(saved.deliveries().get(1).id(), 2, null));
        assertThat(flow.notification().steps()).extracting(StepEntry::state)
                .containsExactly(StepState.DONE, StepState.DUE, StepState.WAITING);
        assertThat(flow.notification().steps().get(1).dueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(store.saved.get(direct.notification().id()).run()).isNull();
        assertThat(direct.notification().deliveries()).extracting(d -> d.status())
                .containsExactly(DeliveryStatus.QUEUED);
    }

    @Test
    void preferencesSuppressOptedOutChannelsAndQuietHoursDeferUnlessCritical() {
        givenUser("ada", "ada@example.com", "+821012345678");
        Preferences prefs = new Preferences("ada",
                Set.of(Channel.SMS),
                Map.of("order.shipped", Set.of(Channel.EMAIL)),
                LocalTime.of(8, 0), LocalTime.of(10, 0), "Europe/London", NOW);
        Map<String, NotificationType> rules = Map.of(
                "security.alert", new NotificationType("security.alert",
                        List.of(Channel.EMAIL, Channel.SMS,
                                Channel.IN_APP), false, Priority.CRITICAL, true,
                        List.of("userId"), Map.of(), null, null, NOW));
        PreferenceStore store1 = new PreferenceStore() {
            @Override
            public void put(TenantId tenant, Preferences p) {
            }

            @Override
            public Optional<Preferences> find(TenantId tenant, String userId) {
                return Optional.of(prefs);
            }

            @Override
            public Map<String, Preferences> findAll(TenantId tenant,
                                                                              Collection<String> ids) {
                return Map.of("ada", prefs);
            }
        };
        Intake withPrefs = new Intake(new RequestRules(IntakeLimits.defaults(), new AddressRules()),
                new RecipientResolver(users, new NoDevices(), store1),
                new DeliveryPlanner(ids, new LiteralContent(), FixedAddresses.NONE),
                store, signals, ids, clock, Duration.ofHours(24),
                (tenant, type) -> Optional.ofNullable(rules.get(type)), NO_TEMPLATES);

        // NOW is 09:00 in London (winter: UTC): inside quiet hours 08:00-10:00.
        Accepted shipped = withPrefs.accept(TENANT, new NotificationRequest("order.shipped",
                List.of(RecipientSpec.user("ada")), List.of("EMAIL", "SMS", "IN_APP"), null, Map.of(),
                new ContentSpec("Shipped", "On its way", null), null));
        Accepted alert = withPrefs.accept(TENANT, new NotificationRequest("security.alert",
                List.of(RecipientSpec.user("ada")), null, null, Map.of(),
                new ContentSpec("New sign-in", "From Seoul", null), null));

        Map<String, String> shippedByChannel = new HashMap<>();
        shipped.notification().deliveries().forEach(d -> shippedByChannel.put(d.channel().name(), d.status().name()));
        assertThat(shippedByChannel).containsExactlyInAnyOrderEntriesOf(Map.of(
                "EMAIL", "SCHEDULED", "SMS", "SUPPRESSED", "IN_APP", "SUPPRESSED"));
        Map<String, String> alertByChannel = new HashMap<>();
        alert.notification().deliveries().forEach(d -> alertByChannel.put(d.channel().name(), d.status().name()));
        // Critical: past quiet hours and per-type choices, but never past a global opt-out.
        assertThat(alertByChannel).containsExactlyInAnyOrderEntriesOf(Map.of(
                "EMAIL", "QUEUED", "SMS", "SUPPRESSED", "IN_APP", "QUEUED"));
        Delivery deferred = store.savedDeliveries().stream()
                .filter(d -> d.channel() == Channel.EMAIL && d.status().name().equals("SCHEDULED"))
                .findFirst().orElseThrow();
        assertThat(deferred.dueAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    }

    @Test
    void aTypesDefaultExpiryAppliesWhenTheRequestSetsNone() {
        givenUser("ada", "ada@example.com", null);
        Intake withExpiry = new Intake(new RequestRules(IntakeLimits.defaults(), new AddressRules()),
                new RecipientResolver(users, new NoDevices()),
                new DeliveryPlanner(ids, new LiteralContent(), FixedAddresses.NONE,
                        DigestRules.none(),
                        Map.of("order.shipped", Duration.ofMinutes(5))),
                store, signals, ids, clock, Duration.ofHours(24), TypeCatalog.NONE, NO_TEMPLATES);

        withExpiry.accept(TENANT, toUser("ada", "EMAIL"));

        assertThat(store.savedDeliveries()).singleElement()
                .satisfies(d -> assertThat(d.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5))));
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflictAndWritesNothing() {
        givenUser("ada", "ada@example.com", null);
        intake.accept(TENANT, request(List.of(RecipientSpec.user("ada")), List.of("EMAIL"), null, "order-42"));

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> intake.accept(TENANT,
                request(List.of(RecipientSpec.user("ada")), List.of("EMAIL", "SMS"), null, "order-42")));

        assertThat(refused).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.isConflict()).isTrue();
            assertThat(e.violations().getFirst().field()).isEqualTo("idempotencyKey");
            assertThat(e.violations().getFirst().rule()).isEqualTo("reused");
        });
        assertThat(store.saved).hasSize(1);
    }

    @Test
    void theSameRequestWithItsDataInAnotherOrderIsAReplay() {
        givenUser("ada", "ada@example.com", null);
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("orderId", "A-42");
        ordered.put("carrier", "CJ");
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("carrier", "CJ");
        reversed.put("orderId", "A-42");
        ContentSpec content = new ContentSpec("Shipped", "On its way", null);
        Accepted first = intake.accept(TENANT, new NotificationRequest("order.shipped",
                List.of(RecipientSpec.user("ada")), List.of("EMAIL"), null, ordered, content, "k-1"));

        Accepted again = intake.accept(TENANT, new NotificationRequest("order.shipped",
                List.of(RecipientSpec.user("ada")), List.of("EMAIL"), null, reversed, content, "k-1"));

        assertThat(again.replayed()).isTrue();
        assertThat(again.notification().id()).isEqualTo(first.notification().id());
    }

    @Test
    void aKeyOlderThanItsRetentionMayBeUsedAgain() {
        givenUser("ada", "ada@example.com", null);
        NotificationRequest request = request(List.of(RecipientSpec.user("ada")), List.of("EMAIL"), null, "daily");
        Accepted yesterday = intake.accept(TENANT, request);

        clock.advance(Duration.ofHours(24));
        Accepted today = intake.accept(TENANT, request);

        assertThat(today.replayed()).isFalse();
        assertThat(today.notification().id()).isNotEqualTo(yesterday.notification().id());
        assertThat(store.saved).hasSize(2);
    }

    @Test
    void losingARaceOnTheIdempotencyKeyAnswersWithTheWinnersNotification() {
        // given: another request with the same key commits just before ours
        givenUser("ada", "ada@example.com", null);
        UUID winnerId = ids.next();
        store.loseNextSaveTo(new NewNotification(
                new Notification(winnerId, TENANT, "order.shipped", Priority.NORMAL, "order-42", NOW), List.of()));
        NotificationRequest request = request(List.of(RecipientSpec.user("ada")), List.of("EMAIL"), null, "order-42");

        // when
        Accepted accepted = intake.accept(TENANT, request);

        // then
        assertThat(accepted.replayed()).isTrue();
        assertThat(accepted.notification().id()).isEqualTo(winnerId);
        assertThat(store.saved.keySet()).containsExactly(winnerId);
    }

    @Test
    void acceptingANotificationWakesTheDispatcherOfItsLane() throws InterruptedException {
        // given
        givenUser("ada", "ada@example.com", null);
        NotificationRequest request = request(List.of(RecipientSpec.user("ada")), List.of("EMAIL"), "HIGH", null);

        // when
        intake.accept(TENANT, request);

        // then: the signal is already there, so waiting with no timeout at all succeeds
        assertThat(signals.await(Priority.HIGH, Duration.ZERO)).isTrue();
        assertThat(signals.await(Priority.LOW, Duration.ZERO)).isFalse();
    }

    // --- batches ----------------------------------------------------------------------------------------------

    @Test
    void anUrgentRequestMakesBulkBatchesYieldAndABulkOneDoesNot() {
        givenUser("ada", "ada@example.com", null);
        BulkIntakeGate gate = new BulkIntakeGate(clock, Duration.ofSeconds(1), 2);
        Intake gated = new Intake(new RequestRules(IntakeLimits.defaults(), new AddressRules()),
                new RecipientResolver(users, new NoDevices()),
                new DeliveryPlanner(ids, new LiteralContent(), FixedAddresses.NONE),
                store, signals, ids, clock, Duration.ofHours(24), TypeCatalog.NONE, NO_TEMPLATES, gate,
                SuppressionCheck.NONE);

        gated.accept(TENANT, request(List.of(RecipientSpec.user("ada")), List.of("EMAIL"), "LOW", null));
        gated.acceptBatch(TENANT, List.of(toUser("ada", "EMAIL")), 10_000);
        assertThat(gate.yielding()).isFalse();

        gated.accept(TENANT, request(List.of(RecipientSpec.user("ada")), List.of("EMAIL"), "CRITICAL", null));
        assertThat(gate.yielding()).isTrue();

        clock.advance(Duration.ofSeconds(2));
        assertThat(gate.yielding()).isFalse();
        gated.acceptBatch(TENANT, List.of(toUser("ada", "EMAIL"),
                request(List.of(RecipientSpec.user("ada")), List.of("EMAIL"), "HIGH", null)), 10_000);
        assertThat(gate.yielding()).as("a batch with a HIGH notification in it").isTrue();
        assertThat(store.saveCalls).hasSize(4);
    }

    @Test
    void aBatchSavesAllItsValidItemsInOneSaveCall() {
        // given
        givenUser("ada", "ada@example.com", null);
        givenUser("bob", "bob@example.com", null);
        List<NotificationRequest> batch = List.of(toUser("ada", "EMAIL"), invalidRequest(), toUser("bob", "EMAIL"));

        // when
        List<BatchItem> results = intake.acceptBatch(TENANT, batch, 10_000);

        // then
        assertThat(store.saveCalls).hasSize(1);
        assertThat(store.saveCalls.getFirst()).extracting(n -> n.notification().id())
                .containsExactly(acceptedId(results.get(0)), acceptedId(results.get(2)));
    }

    @Test
    void aBatchRefusesInvalidItemsWithTheirOwnViolations() {
        // given: the directory is empty, so "ghost" is unknown
        List<NotificationRequest> batch = List.of(invalidRequest(), toUser("ghost", "EMAIL"));

        // when
        List<BatchItem> results = intake.acceptBatch(TENANT, batch, 10_000);

        // then
        assertThat(violationsOf(results.get(0))).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("type", "required"));
        assertThat(violationsOf(results.get(1))).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("recipients[0].userId", "unknown-user"));
        assertThat(store.saved).isEmpty();
    }

    @Test
    void aBatchAnswersEveryItemAtItsOwnPosition() {
        // given
        givenUser("ada", "ada@example.com", null);
        List<NotificationRequest> batch = List.of(
                invalidRequest(), toUser("ada", "EMAIL"), toUser("ghost", "EMAIL"), toUser("ada", "EMAIL"));

        // when
        List<BatchItem> results = intake.acceptBatch(TENANT, batch, 10_000);

        // then
        assertThat(results).hasSize(4);
        assertThat(results.get(0)).isInstanceOf(BatchItem.RefusedItem.class);
        assertThat(results.get(1)).isInstanceOf(BatchItem.AcceptedItem.class);
        assertThat(results.get(2)).isInstanceOf(BatchItem.RefusedItem.class);
        assertThat(results.get(3)).isInstanceOf(BatchItem.AcceptedItem.class);
    }

    @Test
    void aBatchWhosePlannedDeliveriesPassTheCapIsRefusedWholeAndNothingIsSaved() {
        // given: each item plans four deliveries (two users, two channels)
        givenUser("ada", "ada@example.com", "+821012345678");
        givenUser("bob", "bob@example.com", "+821012345679");
        NotificationRequest item = request(List.of(RecipientSpec.user("ada"), RecipientSpec.user("bob")),
                List.of("EMAIL", "SMS"), null, null);

        // when / then: eight deliveries against a cap of seven
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> intake.acceptBatch(TENANT, List.of(item, item), 7))
                .satisfies(e -> assertThat(e.violations()).extracting(Violation::field, Violation::rule)
                        .containsExactly(tuple("notifications", "max-deliveries")));
        assertThat(store.saved).isEmpty();
        assertThat(intake.acceptBatch(TENANT, List.of(item, item), 8)).hasSize(2);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static DeliveryView deliveryOn(Accepted accepted, Channel channel) {
        return accepted.notification().deliveries().stream().filter(d -> d.channel() == channel)
                .findFirst().orElseThrow();
    }

    private static UUID acceptedId(BatchItem item) {
        assertThat(item).isInstanceOf(BatchItem.AcceptedItem.class);
        return ((BatchItem.AcceptedItem) item).accepted().notification().id();
    }

    private static List<Violation> violationsOf(BatchItem item) {
        assertThat(item).isInstanceOf(BatchItem.RefusedItem.class);
        return ((BatchItem.RefusedItem) item).refusal().violations();
    }

    // --- fakes ------------------------------------------------------------------------------------------------

    /** Intake tests name recipients by email and user id only; push devices are covered by the JDBC contract. */
    private static final class NoDevices implements DeviceRegistry {
        @Override
        public boolean register(TenantId tenant, Device device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Device> devicesOf(TenantId tenant, String userId) {
            return List.of();
        }

        @Override
        public Map<String, List<Device>> devicesOf(TenantId tenant,
                                                                           Collection<String> userIds) {
            return Map.of();
        }

        @Override
        public boolean remove(TenantId tenant, String userId, String token) {
            return false;
        }

        @Override
        public boolean forget(TenantId tenant, String token) {
            return false;
        }
    }

    /** Keeps notifications in memory, enforcing unique idempotency keys per tenant like the real store. */
    private static final class FakeNotificationStore implements NotificationStore {
        final Map<UUID, NewNotification> saved = new LinkedHashMap<>();
        final List<List<NewNotification>> saveCalls = new ArrayList<>();
        private NewNotification raceWinner;

        /** The next save loses a race: the winner is committed first and the save fails on the duplicate key. */
        void loseNextSaveTo(NewNotification winner) {
            raceWinner = winner;
        }

        List<Delivery> savedDeliveries() {
            return saved.values().stream().flatMap(n -> n.deliveries().stream()).toList();
        }

        @Override
        public void save(TenantId tenant, List<NewNotification> notifications) {
            if (raceWinner != null) {
                saved.put(raceWinner.notification().id(), raceWinner);
                raceWinner = null;
                throw new DuplicateIdempotencyKeyException("idempotency key already used", null);
            }
            Set<String> keys = new HashSet<>();
            for (NewNotification n : notifications) {
                String key = n.notification().idempotencyKey();
                if (key != null && (!keys.add(key) || findByIdempotencyKey(tenant, key).isPresent())) {
                    throw new DuplicateIdempotencyKeyException("idempotency key already used: " + key, null);
                }
            }
            saveCalls.add(List.copyOf(notifications));
            notifications.forEach(n -> saved.put(n.notification().id(), n));
        }

        @Override
        public Optional<NotificationView> find(TenantId tenant, UUID notificationId) {
            return Optional.ofNullable(saved.get(notificationId))
                    .filter(n -> n.notification().tenant().equals(tenant))
                    .map(FakeNotificationStore::view);
        }

        @Override
        public Optional<DeliveryRef> findDelivery(UUID deliveryId) {
            return Optional.empty();
        }

        @Override
        public Optional<DeliveryRef> findDeliveryByProviderMessageId(TenantId tenant, String providerMessageId) {
            return Optional.empty();
        }

        @Override
        public boolean recordReceipt(TenantId tenant, UUID deliveryId, DeliveryStatus to,
                                     Instant at, String detail) {
            return false;
        }

        @Override
        public boolean recordBounce(TenantId tenant, UUID deliveryId, Instant at, String detail) {
            return false;
        }

        @Override
        public boolean recordEvent(TenantId tenant, UUID deliveryId, dev.herald.core.notification.DeliveryEvent event,
                                   Instant at, String detail) {
            return false;
        }

        @Override
        public Optional<Cancellation> cancel(TenantId tenant, UUID notificationId,
                                                                         Instant at) {
            return Optional.empty();
        }

        @Override
        public Optional<IdempotentRequest> findByIdempotencyKey(TenantId tenant,
                                                                                         String idempotencyKey) {
            return saved.values().stream().map(NewNotification::notification)
                    .filter(n -> n.tenant().equals(tenant) && idempotencyKey.equals(n.idempotencyKey()))
                    .map(n -> new IdempotentRequest(n.id(), n.requestHash(),
                            n.createdAt()))
                    .findFirst();
        }

        @Override
        public boolean releaseIdempotencyKey(TenantId tenant, String idempotencyKey, UUID notificationId) {
            NewNotification held = saved.get(notificationId);
            if (held == null || !idempotencyKey.equals(held.notification().idempotencyKey())) {
                return false;
            }
            Notification n = held.notification();
            saved.put(notificationId, new NewNotification(new Notification(n.id(), n.tenant(), n.type(),
                    n.priority(), null, n.createdAt(), n.requestHash()), held.deliveries()));
            return true;
        }

        @Override
        public NotificationPage search(TenantId tenant, NotificationSearch search, int limit, UUID after) {
            throw new UnsupportedOperationException("not needed by intake");
        }

        private static NotificationView view(NewNotification saved) {
            Notification n = saved.notification();
            List<DeliveryView> deliveries = saved.deliveries().stream()
                    .map(d -> new DeliveryView(d.id(), d.channel(), d.userId(), d.address(), d.status(), 0, null,
                            null, d.error(), d.createdAt(), d.createdAt(),
                            List.of(StatusChange.of(d.status(), d.createdAt(), 0, d.error()))))
                    .toList();
            return new NotificationView(n.id(), n.type(), n.priority(), n.idempotencyKey(), n.createdAt(), deliveries);
        }
    }

    private static final class FakeUserDirectory implements UserDirectory {
        private final Map<TenantId, Map<String, User>> users = new HashMap<>();

        @Override
        public boolean put(TenantId tenant, User user) {
            return users.computeIfAbsent(tenant, t -> new HashMap<>()).put(user.id(), user) == null;
        }

        @Override
        public Optional<User> find(TenantId tenant, String userId) {
            return Optional.ofNullable(users.getOrDefault(tenant, Map.of()).get(userId));
        }

        @Override
        public Map<String, User> findAll(TenantId tenant, Collection<String> userIds) {
            Map<String, User> found = new HashMap<>();
            for (String id : userIds) {
                find(tenant, id).ifPresent(user -> found.put(id, user));
            }
            return found;
        }

        @Override
        public boolean delete(TenantId tenant, String userId) {
            return users.getOrDefault(tenant, new HashMap<>()).remove(userId) != null;
        }
    }

    /** A tenant with no templates at all. */
    private static final class NoTemplates implements TemplateStore {
        @Override
        public TemplateVersion createVersion(TenantId tenant, TemplateKey key, String subject, String text,
                                             String html, Instant at) {
            throw new UnsupportedOperationException("intake never writes templates");
        }

        @Override
        public List<TemplateVersion> versions(TenantId tenant, TemplateKey key) {
            return List.of();
        }

        @Override
        public Optional<TemplateVersion> active(TenantId tenant, TemplateKey key) {
            return Optional.empty();
        }

        @Override
        public boolean activate(TenantId tenant, TemplateKey key, int version) {
            return false;
        }
    }
}
