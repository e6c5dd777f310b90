package dev.herald.testkit;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.SeedTypes;
import dev.herald.core.workflow.WorkflowStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class TypeStoreContract extends StoreContract {

    private NotificationType paymentFailed(List<Channel> channels) {
        return new NotificationType("payment.failed", channels, false, Priority.HIGH, false, List.of("payerId"),
                Map.of(Channel.SLACK, "https://hooks.slack.com/services/T/B/ops"), Duration.ofHours(1),
                Duration.ofMinutes(5), clock.instant());
    }

    @Test
    void aTypeRoundTripsEveryField() {
        assertThat(stores.types().put(TENANT, paymentFailed(List.of(Channel.EMAIL, Channel.SLACK)))).isTrue();

        assertThat(stores.types().find(TENANT, "payment.failed")).contains(
                paymentFailed(List.of(Channel.EMAIL, Channel.SLACK)));
        assertThat(stores.types().put(TENANT, paymentFailed(List.of(Channel.EMAIL)))).isFalse();
        assertThat(stores.types().find(TENANT, "payment.failed").orElseThrow().channels())
                .containsExactly(Channel.EMAIL);
    }

    @Test
    void seedDefaultsNeverOverwriteAnEditAndTypesAreTenantScoped() {
        stores.types().put(TENANT, paymentFailed(List.of(Channel.EMAIL)));
        for (NotificationType seed : SeedTypes.all(clock.instant())) {
            stores.types().putIfAbsent(TENANT, seed);
        }

        assertThat(stores.types().find(TENANT, "payment.failed").orElseThrow().channels())
                .containsExactly(Channel.EMAIL);
        assertThat(stores.types().list(TENANT)).hasSize(SeedTypes.all(clock.instant()).size());
        assertThat(stores.types().find(TENANT, "security.alert").orElseThrow().everyChannel()).isTrue();
        assertThat(stores.types().find(OTHER_TENANT, "payment.failed")).isEmpty();
        assertThat(stores.types().delete(OTHER_TENANT, "payment.failed")).isFalse();
        assertThat(stores.types().delete(TENANT, "payment.failed")).isTrue();
        assertThat(stores.types().find(TENANT, "payment.failed")).isEmpty();
    }

    @Test
    void aTypesWorkflowStepsRoundTripInOrder() {
        List<WorkflowStep> steps = List.of(WorkflowStep.send(Channel.IN_APP),
                WorkflowStep.wait(Duration.ofMinutes(15), true), WorkflowStep.send(Channel.EMAIL).skippedIfRead(),
                WorkflowStep.send(Channel.SMS).onlyIfCritical(true), WorkflowStep.delay(Duration.ofHours(1)),
                WorkflowStep.digest(Channel.PUSH, Duration.ofHours(1)));
        NotificationType escalating = new NotificationType("order.late", List.of(), false, Priority.NORMAL, false,
                List.of("userId"), Map.of(), null, null, clock.instant(), steps);

        stores.types().put(TENANT, escalating);

        assertThat(stores.types().find(TENANT, "order.late")).contains(escalating);
        assertThat(stores.types().find(TENANT, "payment.failed")).isEmpty();
        stores.types().put(TENANT, paymentFailed(List.of(Channel.EMAIL)));
        assertThat(stores.types().find(TENANT, "payment.failed").orElseThrow().steps()).isEmpty();
    }
}
